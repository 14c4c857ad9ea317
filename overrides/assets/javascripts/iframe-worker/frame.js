/* iframe-worker frame bootstrap (chibo; the globals iframe-worker 1.0.4 wrote as an inline
   script): runs inside the hidden frame that plays the Web Worker under file://. */
(function () {
  var url = document.currentScript.getAttribute("data-url");
  // The worker finds its own folder from the first script[src] of the frame: leave it that one.
  document.currentScript.remove();
  postMessage = function (data, origin) { parent.postMessage(data, origin || "*"); };
  importScripts = function () {
    var urls = [].slice.call(arguments);
    return urls.reduce(function (done, src) {
      return done.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: url, error: event.error }));
  });
})();
