// Docket Archive: copy a letter's citation or its permanent link in one click.
// The citation is in the page (written by the build, the case name in <i>);
// this script only shows the buttons, fills in the page's URL where the site
// has no site_url, and copies: the citation as plain text and as rich text
// (text/html, so the case name stays italic when pasted into a brief). The
// rich text is the citation element's own markup, which the build escaped;
// text from elsewhere only ever goes through textContent.
(function () {
  "use strict";

  var block = document.querySelector("[data-docket-cite]");
  if (!block) return;
  var citation = block.querySelector("[data-docket-citation]");
  var permalink = block.querySelector("[data-docket-permalink]");
  var status = block.querySelector("[data-docket-copied]");

  // The permanent link: the canonical URL MkDocs writes when site_url is set,
  // else this page's own address without query or fragment.
  function pageUrl() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = new URL(canonical ? canonical.href : window.location.href);
    url.hash = "";
    url.search = "";
    return url.href;
  }

  if (!permalink.textContent.trim()) {
    permalink.textContent = pageUrl();  // shown in print, after the citation
    permalink.parentElement.hidden = false;
  }

  // The old way, for browsers without the asynchronous clipboard API or
  // pages not served over https (file://, a plain-http intranet host): the
  // copy event puts both forms on the clipboard, as the browser's own copy does.
  function copyWithSelection(text, html) {
    var put = function (event) {
      event.clipboardData.setData("text/plain", text);
      if (html) event.clipboardData.setData("text/html", html);
      event.preventDefault();
    };
    document.addEventListener("copy", put);
    try { return copyWithTextarea(text); } finally { document.removeEventListener("copy", put); }
  }

  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text, html) {
    if (navigator.clipboard && window.isSecureContext) {
      if (html && window.ClipboardItem && navigator.clipboard.write) {
        var item = new ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([html], { type: "text/html" })
        });
        return navigator.clipboard.write([item]).catch(function () { return copyWithSelection(text, html); });
      }
      return navigator.clipboard.writeText(text).catch(function () { return copyWithSelection(text, html); });
    }
    return copyWithSelection(text, html);
  }

  block.querySelectorAll("[data-docket-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var what = button.getAttribute("data-docket-copy");
      var text = what === "link" ? permalink.textContent.trim() : citation.textContent.trim();
      var html = what === "link" ? "" : citation.innerHTML.trim();
      copy(text, html).then(
        function () { status.textContent = what === "link" ? "Link copied." : "Citation copied."; },
        function () { status.textContent = "Could not copy: select the text above and copy it."; }
      );
    });
  });
  block.querySelector(".docket-cite-actions").hidden = false;
})();
