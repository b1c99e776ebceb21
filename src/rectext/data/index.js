document.querySelectorAll('th[data-sort] button').forEach(function (button, col) {
  button.addEventListener('click', function () {
    const th = button.parentElement, table = th.closest('table'), body = table.tBodies[0];
    const numeric = th.dataset.sort === 'number';
    const asc = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(h => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    const index = Array.prototype.indexOf.call(th.parentElement.children, th);
    const rows = Array.from(body.rows);
    rows.sort(function (a, b) {
      let x = a.cells[index].dataset.value || a.cells[index].textContent, y = b.cells[index].dataset.value || b.cells[index].textContent;
      if (numeric) { x = parseFloat(x) || 0; y = parseFloat(y) || 0; return asc ? x - y : y - x; }
      return asc ? x.localeCompare(y, 'zh') : y.localeCompare(x, 'zh');
    });
    rows.forEach(r => body.appendChild(r));
  });
});
