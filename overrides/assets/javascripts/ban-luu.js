/* The page side of the offline copy (the worker is sw.js at the site's root).

   Registers the worker, asks it to check for a newer copy whenever the network is there,
   and shows, in Vietnamese: that the site is kept for reading without the network and the
   date of the copy; the button "Lưu để đọc khi không có mạng" (adds the PDFs); "Đã cập nhật
   văn bản mới" after an update; and, without the network, which copy is being read.
   A file, never an inline script: the nginx CSP allows no inline script of ours. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext || !/^https?:$/.test(location.protocol)) return;
  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);  // this file: assets/javascripts/

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function when(iso) {  // the time the phone saved its copy -> "09:15 ngày 06/12/2026", local time
    var date = new Date(iso);
    if (isNaN(date.getTime())) return "trước";
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return two(date.getHours()) + ":" + two(date.getMinutes()) + " ngày " + two(date.getDate()) + "/" +
      two(date.getMonth() + 1) + "/" + date.getFullYear();
  }

  function megabytes(bytes) {
    return (bytes / 1048576).toLocaleString("vi-VN", { maximumFractionDigits: 1 }) + " MB";
  }

  var bar = el("div", "bl-thanh");
  bar.setAttribute("role", "status");
  bar.setAttribute("aria-live", "polite");
  var text = el("p", "bl-chu", "Đang lưu trang web trên máy này để đọc khi không có mạng…");
  var button = el("button", "bl-nut", "Lưu để đọc khi không có mạng");
  button.type = "button";
  button.title = "Lưu thêm các tệp PDF để mở được khi không có mạng";
  bar.appendChild(text);
  bar.appendChild(button);

  var offline = el("div", "bl-ngoai-tuyen");
  offline.setAttribute("role", "status");
  offline.hidden = true;
  var notice = el("div", "bl-cap-nhat");
  notice.setAttribute("role", "alert");
  notice.hidden = true;

  var state = { savedAt: "" };

  function showOffline() {
    offline.textContent = "Không có mạng: đang đọc bản lưu lúc " + when(state.savedAt) + ".";
    offline.hidden = navigator.onLine && !state.unreachable;
  }

  function send(message) {
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage(message);
    });
  }

  function onMessage(event) {
    var data = event.data || {};
    if (data.type === "status" && data.kept) {
      state.savedAt = data.savedAt;
      text.textContent = "Trang web đã được lưu trên máy này để đọc khi không có mạng (bản lúc " + when(data.savedAt) + ")." +
        (data.savedPdfs ? " Đã lưu cả " + data.pdfs + " tệp PDF (" + megabytes(data.pdfBytes) + ")." : "");
      button.hidden = Boolean(data.savedPdfs);
      button.disabled = false;
      showOffline();
    } else if (data.type === "updated") {
      notice.textContent = "";
      notice.appendChild(el("span", "", "Đã cập nhật văn bản mới (bản lúc " + when(data.savedAt) + "). "));
      var reload = el("button", "bl-tai-lai", "Tải lại trang");
      reload.type = "button";
      reload.addEventListener("click", function () { location.reload(); });
      notice.appendChild(reload);
      notice.hidden = false;
    } else if (data.type === "offline") {
      state.unreachable = true;
      showOffline();
    } else if (data.type === "save-failed") {
      button.disabled = false;
      text.textContent = "Chưa lưu được các tệp PDF: cần có mạng. Hãy thử lại khi vào được trang web.";
    }
  }

  function start() {
    var footer = document.querySelector(".md-footer") || document.body.lastElementChild;
    footer.parentNode.insertBefore(bar, footer);
    var header = document.querySelector(".md-header");
    (header ? header.parentNode : document.body).insertBefore(offline, header ? header.nextSibling : null);
    offline.parentNode.insertBefore(notice, offline.nextSibling);
    button.addEventListener("click", function () {
      button.disabled = true;
      text.textContent = "Đang lưu các tệp PDF…";
      send({ type: "save-pdfs" });
    });
    window.addEventListener("offline", showOffline);
    window.addEventListener("online", function () {
      state.unreachable = false;
      showOffline();
      send({ type: "check" });
    });
    navigator.serviceWorker.addEventListener("message", onMessage);
    navigator.serviceWorker.startMessages();
    function register() {  // after the page has loaded: the copy never slows the page being read
      navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
        .then(function () {
          send({ type: navigator.onLine ? "check" : "status" });
          if (!navigator.onLine) showOffline();
        })
        .catch(function () { bar.hidden = true; });
    }
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
