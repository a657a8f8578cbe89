// A citation of several sentences opens a marker placed before the first of them
// (#p3-s1-to-p3-s3); mark every sentence the marker names, so the whole passage stands out.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".source-text .sentence.cited").forEach((el) => el.classList.remove("cited"));
    const id = decodeURIComponent(window.location.hash.slice(1));
    const marker = id && document.getElementById(id);
    if (!marker || !marker.classList.contains("passage")) return;
    for (const anchor of (marker.dataset.sentences || "").split(" ")) {
      const sentence = anchor && document.getElementById(anchor);
      if (sentence) sentence.classList.add("cited");
    }
  }
  window.addEventListener("hashchange", mark);
  mark();
})();
