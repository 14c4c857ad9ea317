/* Service worker of the cell's site: the published site readable without the network.

   What it keeps is exactly the list the build wrote, ban-luu.json (chibo/rendering/offline_list.py:
   every file of the built site, nothing else; withheld documents are never in the site):
   - "files" (site shell, every published page, the search index and its worker) after the first visit;
   - "pdfs" once the member presses "Lưu để đọc khi không có mạng" (ban-luu.js sends "save-pdfs").
   Each entry is [path, hash, size]. On every page load with the network (ban-luu.js sends "check")
   it fetches the list again and downloads only the files whose hash changed, drops those gone,
   then tells the pages ("updated"). Requests are answered from the copy first, then the network.
   Only requests inside the site's own scope are touched: it never asks another origin for anything. */
"use strict";

const CACHE = "van-ban-chi-bo";
const LIST = "ban-luu.json";
const SCOPE = self.registration.scope;  // ends with "/"
const PARALLEL = 6;

const urlOf = (path) => new URL(path, SCOPE).href;

function cacheKey(url) {
  const key = url.origin + url.pathname;
  return key.endsWith("/") ? key + "index.html" : key;
}

async function latestList() {
  const response = await fetch(urlOf(LIST), { cache: "no-store", credentials: "same-origin" });
  if (!response.ok) throw new Error(`${LIST}: ${response.status}`);
  return response.json();
}

async function keptList(cache) {
  const response = await cache.match(urlOf(LIST));
  return response ? response.json() : null;
}

async function download(cache, entries) {
  let next = 0;
  async function worker() {
    while (next < entries.length) {
      const [path] = entries[next++];
      const response = await fetch(urlOf(path), { cache: "no-cache", credentials: "same-origin" });
      if (!response.ok || response.redirected) throw new Error(`${path}: ${response.status}`);
      await cache.put(urlOf(path), response);
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

/* Bring the copy to `list`: what is new or changed is downloaded, what is gone is dropped.
   The kept list is written last, so an interrupted update is simply done again next time. */
async function sync(list, { withPdfs = false } = {}) {
  const cache = await caches.open(CACHE);
  const kept = await keptList(cache);
  const pdfs = withPdfs || Boolean(kept && kept.savedPdfs);
  const had = new Map([...(kept ? kept.files : []), ...(kept && kept.savedPdfs ? kept.pdfs : [])]
    .map(([path, hash]) => [path, hash]));
  const wanted = [...list.files, ...(pdfs ? list.pdfs : [])];
  const missing = [];
  for (const entry of wanted) {
    if (had.get(entry[0]) !== entry[1] || !(await cache.match(urlOf(entry[0])))) missing.push(entry);
  }
  await download(cache, missing);
  const keep = new Set(wanted.map(([path]) => urlOf(path)));
  keep.add(urlOf(LIST));
  for (const request of await cache.keys()) {
    if (!keep.has(request.url)) await cache.delete(request);
  }
  const stored = { ...list, savedPdfs: pdfs, savedAt: new Date().toISOString() };
  await cache.put(urlOf(LIST), new Response(JSON.stringify(stored), {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  }));
  return { first: !kept, changed: kept ? missing.length : 0, stored };
}

function status(stored) {
  if (!stored) return { type: "status", kept: false };
  const bytes = stored.pdfs.reduce((sum, [, , size]) => sum + size, 0);
  return { type: "status", kept: true, savedAt: stored.savedAt, savedPdfs: stored.savedPdfs,
           pdfs: stored.pdfs.length, pdfBytes: bytes };
}

async function tell(message) {
  for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage(message);
}

let running = Promise.resolve();
function serially(task) {  // one update at a time: "check" and "save-pdfs" may come together
  running = running.then(task, task);
  return running;
}

self.addEventListener("install", (event) => {
  event.waitUntil(serially(async () => sync(await latestList())).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("message", (event) => {
  const kind = event.data && event.data.type;
  const reply = (message) => (event.source ? event.source.postMessage(message) : tell(message));
  if (kind === "status") {
    event.waitUntil(caches.open(CACHE).then(keptList).then((stored) => reply(status(stored))));
  } else if (kind === "check") {
    event.waitUntil(serially(async () => {
      const list = await latestList();
      const cache = await caches.open(CACHE);
      const kept = await keptList(cache);
      if (kept && kept.version === list.version) {  // still the newest: the copy is as of now
        kept.savedAt = new Date().toISOString();
        await cache.put(urlOf(LIST), new Response(JSON.stringify(kept), {
          headers: { "Content-Type": "application/json; charset=utf-8" },
        }));
        return reply(status(kept));
      }
      const result = await sync(list);
      await tell(status(result.stored));
      if (result.changed) await tell({ type: "updated", savedAt: result.stored.savedAt, files: result.changed });
    }).catch(() => reply({ type: "offline" })));
  } else if (kind === "save-pdfs") {
    event.waitUntil(serially(async () => {
      const result = await sync(await latestList(), { withPdfs: true });
      await tell(status(result.stored));
      await tell({ type: "pdfs-saved" });
    }).catch(() => reply({ type: "save-failed" })));
  }
});

async function answer(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(cacheKey(new URL(request.url)));
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") {
      const missing = await cache.match(urlOf("404.html"));
      if (missing) return new Response(missing.body, { status: 404, headers: missing.headers });
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;  // not ours: the browser's
  if (new URL(request.url).pathname.endsWith("/" + LIST)) return;  // always the network
  event.respondWith(answer(request));
});
