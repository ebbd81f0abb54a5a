// The search box: Pagefind's static index, read in the browser (no server). Every page works without this.
const form = document.getElementById("search-form");
const box = document.getElementById("q");
const results = document.getElementById("results");

// The council's index is the first; each board has its own (made again only when that board changes),
// merged into it once.
let merging = null;
function merged(pagefind) {
  if (!merging) {
    const bundles = (results.dataset.bundles || "").split(" ").filter(Boolean);
    merging = Promise.all(bundles.map((b) => pagefind.mergeIndex(new URL(b, location.href).pathname)));
  }
  return merging;
}

async function run(query) {
  results.textContent = "";
  if (!query.trim()) return;
  const pagefind = await import("./pagefind/pagefind.js");
  await merged(pagefind);
  const found = await pagefind.search(query);
  const data = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
  const heading = document.createElement("h2");
  heading.className = "govuk-heading-m";
  heading.textContent = `${found.results.length} result${found.results.length === 1 ? "" : "s"} for “${query}”`;
  results.append(heading);
  const list = document.createElement("ul");
  list.className = "govuk-list";
  for (const d of data) {
    const item = document.createElement("li");
    // the item within the page (a minute, an agenda row) where the words are, when Pagefind found one
    const sub = (d.sub_results || []).find((s) => s.url !== d.url);
    const link = document.createElement("a");
    link.className = "govuk-link";
    link.href = sub ? sub.url : d.url;
    link.textContent = (d.meta.title || d.url) + (sub ? ` — ${sub.title}` : "");
    const excerpt = document.createElement("p");
    excerpt.className = "govuk-body-s";
    excerpt.textContent = (sub ? sub.excerpt : d.excerpt).replace(/<[^>]+>/g, "");
    item.append(link, excerpt);
    list.append(item);
  }
  results.append(list);
}

form.addEventListener("submit", (e) => { e.preventDefault(); run(box.value); });
const q = new URLSearchParams(location.search).get("q");
if (q) { box.value = q; run(q); }
