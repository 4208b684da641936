// Docket Archive: the letter's original beside its transcription.
// A PDF is drawn page by page with PDF.js (vendored in vendor/pdfjs/, see
// VENDORED.txt there), loaded only on a letter page that has a PDF original;
// a text original is fetched and shown as text (textContent, never HTML).
// Everything comes from this site: the Content-Security-Policy allows nothing else.
(function () {
  "use strict";

  var figure = document.querySelector("[data-docket-original]");
  if (!figure) return;
  var view = figure.querySelector("[data-docket-original-view]");
  var source = figure.getAttribute("data-src");
  var kind = figure.getAttribute("data-kind");
  var here = document.currentScript ? document.currentScript.src : window.location.href;
  var vendor = new URL("vendor/pdfjs/", here).href;  // beside this script
  var MAX_PAGES = 30;  // a letter is a few pages; a longer file is one click away

  function say(text) {
    var note = document.createElement("p");
    note.className = "docket-original__note";
    note.textContent = text;
    view.replaceChildren(note);
  }

  function failed() {
    say("The original could not be shown here: use the download link above.");
    figure.setAttribute("data-docket-state", "failed");
  }

  function showText() {
    fetch(source, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (text) {
        var pre = document.createElement("pre");
        pre.className = "docket-original__text";
        pre.textContent = text;
        view.replaceChildren(pre);
        figure.setAttribute("data-docket-state", "shown");
      }, failed);
  }

  function showPdf() {
    import(vendor + "pdf.min.mjs")
      .then(function (pdfjs) {
        pdfjs.GlobalWorkerOptions.workerSrc = vendor + "pdf.worker.min.mjs";
        return pdfjs.getDocument({
          url: source,
          isEvalSupported: false,  // no new Function(): the policy has no 'unsafe-eval'
          enableXfa: false,
          standardFontDataUrl: vendor + "standard_fonts/",
          wasmUrl: vendor + "wasm/",
          iccUrl: vendor + "iccs/",
          useSystemFonts: false,
          stopAtErrors: false
        }).promise;
      })
      .then(function (pdf) {
        view.replaceChildren();
        var count = Math.min(pdf.numPages, MAX_PAGES);
        var chain = Promise.resolve();
        for (var number = 1; number <= count; number++) {
          chain = chain.then(drawPage.bind(null, pdf, number, pdf.numPages));
        }
        return chain.then(function () {
          if (pdf.numPages > MAX_PAGES) say("Pages after " + MAX_PAGES + ": download the original.");
          figure.setAttribute("data-docket-state", "shown");
        });
      })
      .catch(failed);
  }

  function drawPage(pdf, number, total) {
    return pdf.getPage(number).then(function (page) {
      var width = Math.max(view.clientWidth, 280);
      var unscaled = page.getViewport({ scale: 1 });
      var ratio = window.devicePixelRatio || 1;
      var viewport = page.getViewport({ scale: (width / unscaled.width) * ratio });
      var canvas = document.createElement("canvas");
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = "100%";
      canvas.className = "docket-original__page";
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", "Page " + number + " of " + total + " of the original");
      view.appendChild(canvas);
      return page.render({ canvasContext: canvas.getContext("2d"), canvas: canvas, viewport: viewport }).promise;
    });
  }

  if (kind === "pdf") showPdf();
  else if (kind === "text") showText();
})();
