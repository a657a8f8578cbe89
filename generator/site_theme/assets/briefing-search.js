// Search with Pagefind in our own search box (partials/search.html, styled by assets/briefing-search.css).
// Pagefind splits its index into small chunks fetched for the words typed, so the first result
// costs kilobytes, not the whole index; everything is served by the site itself (works offline).
(function () {
  "use strict";
  const form = document.forms.namedItem("briefing-search");
  if (!form) return;
  const input = form.elements.namedItem("query");
  const toggle = document.getElementById("__search");
  const meta = document.querySelector(".briefing-search__meta");
  const list = document.querySelector(".briefing-search__list");
  const root = new URL(form.dataset.siteRoot, window.location.href);
  const placeholder = meta.textContent;
  const SHOWN = 10;
  let engine = null;
  let latest = 0;

  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(async (module) => {
        await module.options({ baseUrl: root.pathname, excerptLength: 24 });
        module.init();
        return module;
      });
    }
    return engine;
  }

  function count(n) {
    if (n === 0) return form.dataset.none;
    return n === 1 ? form.dataset.one : form.dataset.other.replace("#", String(n));
  }

  // Pagefind's excerpt is escaped page text with <mark> around matches: keep only the
  // marks; everything else becomes text. A detached textarea decodes entities without
  // parsing tags (and keeps the spaces beside the marks).
  const decoder = document.createElement("textarea");
  function excerpt(target, html) {
    html.split(/(<\/?mark>)/).forEach((part) => {
      if (part === "<mark>") { target = target.appendChild(document.createElement("mark")); return; }
      if (part === "</mark>") { target = target.parentNode; return; }
      decoder.innerHTML = part;
      target.appendChild(document.createTextNode(decoder.value));
    });
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "briefing-search__item";
    const link = document.createElement("a");
    link.className = "briefing-search__link";
    link.href = data.url;
    const article = document.createElement("article");
    article.className = "briefing-search__article";
    const title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    const text = document.createElement("p");
    excerpt(text, data.excerpt || "");
    article.append(title, text);
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  async function search(query) {
    const ticket = ++latest;
    if (!query.trim()) {
      meta.textContent = placeholder;
      list.replaceChildren();
      return;
    }
    const module = await pagefind();
    const found = await module.debouncedSearch(query, {}, 150);
    if (found === null || ticket !== latest) return;  // a newer query superseded this one
    const pages = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
    if (ticket !== latest) return;
    meta.textContent = count(found.results.length);
    list.replaceChildren(...pages.map(item));
  }

  function open() { toggle.checked = true; pagefind(); }
  function close() { toggle.checked = false; input.blur(); }

  input.addEventListener("focus", open);
  // The header's search button (small screens) only ticks the toggle: put the cursor in the box.
  // The box becomes visible through a CSS transition, and a hidden input takes no focus: retry briefly.
  toggle.addEventListener("change", () => {
    let tries = 0;
    const focus = () => {
      if (!toggle.checked || document.activeElement === input || tries++ > 20) return;
      input.focus();
      setTimeout(focus, 50);
    };
    focus();
  });
  input.addEventListener("input", () => search(input.value));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) first.click();
  });
  form.addEventListener("reset", () => { setTimeout(() => search(""), 0); input.focus(); });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.checked) { close(); return; }
    if (toggle.checked && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      // Arrow keys walk from the box through the results, as in Material's own search.
      const links = [input, ...list.querySelectorAll("a")];
      const here = links.indexOf(document.activeElement);
      if (here < 0) return;
      event.preventDefault();
      const next = here + (event.key === "ArrowDown" ? 1 : -1);
      links[Math.max(0, Math.min(links.length - 1, next))].focus();
      return;
    }
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      input.focus();
    }
  });
})();
