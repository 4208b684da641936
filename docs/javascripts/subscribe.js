// Docket Archive: the subscribe link of a case's calendar.
// A calendar app subscribes to an absolute address (webcal://host/...). When
// the site was built with a site_url the page already has it; otherwise it is
// made here from the page's own address, which is only possible when the page
// is served over http(s) (not opened as a file). Text only via textContent.
(function () {
  "use strict";

  var block = document.querySelector("[data-docket-subscribe]");
  if (!block) return;
  var link = block.querySelector("[data-docket-webcal]");
  var address = block.querySelector("[data-docket-calendar-url]");
  var note = block.querySelector("[data-docket-no-address]");
  if (!link || link.getAttribute("href").indexOf("webcal:") === 0) return;  // built with site_url
  if (window.location.protocol !== "http:" && window.location.protocol !== "https:") return;
  var absolute = new URL(link.getAttribute("href"), window.location.href);
  address.textContent = absolute.href;
  link.href = "webcal://" + absolute.host + absolute.pathname;
  link.hidden = false;
  if (note) note.remove();
})();
