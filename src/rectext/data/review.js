(function () {
  const data = JSON.parse(document.getElementById('rectext-data').textContent);
  const panel = document.getElementById('details-body');
  let selected = null;
  function show(id) {
    const node = document.getElementById(id);
    if (!node) return;
    node.scrollIntoView({block: 'center'});
    node.classList.remove('flash'); void node.offsetWidth; node.classList.add('flash');
    document.querySelectorAll('nav.outline a[aria-current]').forEach(a => a.removeAttribute('aria-current'));
    const link = document.querySelector('nav.outline a[href="#' + id + '"]');
    if (link) link.setAttribute('aria-current', 'true');
    const problem = node.closest('[data-kind="problem"]');
    if (problem) select(problem.id);
  }
  function select(id) {
    const p = data.problems[id];
    if (!p) return;
    if (selected) selected.classList.remove('selected');
    selected = document.getElementById(id);
    selected.classList.add('selected');
    const L = data.labels;
    const parts = ['<h3>' + esc(p.marker + ' ' + (p.heading || '')) + '</h3>'];
    if (p.progress_html) parts.push(p.progress_html);  // built and escaped by the page's writer, as in the outline
    if (p.category) parts.push('<p><strong>' + esc(L.category) + ':</strong> ' + esc(p.category.label) + ' (' +
      esc(whyCategory(p.category, L)) + ')</p>');
    if (p.tags && p.tags.length) parts.push('<p><strong>' + esc(L.tags) + ':</strong> ' + esc(p.tags.join('、')) + '</p>');
    if (p.keywords && p.keywords.length) parts.push('<p><strong>' + esc(L.keywords) + ':</strong> ' + esc(p.keywords.join('、')) + '</p>');
    parts.push('<p><strong>' + p.measures.length + ' ' + esc(L.measures) + '</strong></p><ol>' + p.measures.map(m =>
      '<li><a href="#' + m.id + '">' + esc(m.marker) + '</a> ' + esc(m.heading || '') +
      (m.concrete === undefined ? '' : ' <em>(' + esc(m.concrete ? L.concrete : L.stock) + ')</em>') + '</li>').join('') + '</ol>');
    panel.innerHTML = parts.join('');
  }
  function whyCategory(c, L) {
    if (c.source === 'none') return L.no_evidence;
    const terms = c.evidence.join('、');
    return c.source === 'heading' ? L.heading + ': ' + terms : L.terms + ' ' + c.confidence + ': ' + terms;
  }
  function esc(s) { return String(s).replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c])); }
  document.addEventListener('click', function (e) {
    const a = e.target.closest('a[href^="#"]');
    if (a) { e.preventDefault(); const id = a.getAttribute('href').slice(1); history.replaceState(null, '', '#' + id); show(id); return; }
    const p = e.target.closest('[data-kind="problem"]');
    if (p) select(p.id);
  });
  document.addEventListener('keydown', function (e) {
    if (e.target.matches('[data-kind="problem"]') && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); select(e.target.id); }
    if (e.target.closest('input, textarea')) return;
    if (e.key === 'j' || e.key === 'k') {
      const ids = Object.keys(data.problems);
      let i = selected ? ids.indexOf(selected.id) : -1;
      i = e.key === 'j' ? Math.min(ids.length - 1, i + 1) : Math.max(0, i - 1);
      if (ids[i]) { show(ids[i]); document.getElementById(ids[i]).focus({preventScroll: true}); }
    }
  });
  if (location.hash) show(location.hash.slice(1));
})();
