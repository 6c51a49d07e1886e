(function () {
  'use strict';
  var PAGE = 50;
  var store = Array.prototype.slice.call(document.querySelectorAll('#store > script[type="text/x-postie"]'));
  var list = document.getElementById('list');
  var onlyFailed = document.getElementById('only-failed');
  var folder = document.getElementById('folder');
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  var pageOf = document.getElementById('page-of');
  var prev = document.getElementById('prev');
  var next = document.getElementById('next');
  var page = 0;

  // The address can set the filters: #failed, #folder=Users, #q=login, joined with &.
  function fromHash() {
    var parts = location.hash.replace(/^#/, '').split('&');
    onlyFailed.checked = false;
    folder.value = '';
    search.value = '';
    parts.forEach(function (p) {
      var at = p.indexOf('=');
      var key = at < 0 ? p : p.slice(0, at);
      var value = at < 0 ? '' : decodeURIComponent(p.slice(at + 1).replace(/\+/g, ' '));
      if (key === 'failed') onlyFailed.checked = true;
      if (key === 'folder') folder.value = value;
      if (key === 'q') search.value = value;
    });
  }

  function matches(s) {
    if (onlyFailed.checked && s.getAttribute('data-failed') !== '1') return false;
    var f = folder.value;
    var own = s.getAttribute('data-folder');
    if (f && own !== f && own.indexOf(f + ' / ') !== 0) return false;
    var q = search.value.trim().toLowerCase();
    if (q && s.getAttribute('data-search').indexOf(q) < 0) return false;
    return true;
  }

  function esc(t) {
    var d = document.createElement('div');
    d.textContent = t;
    return d.innerHTML;
  }

  function render() {
    var hits = store.filter(matches);
    var pages = Math.max(1, Math.ceil(hits.length / PAGE));
    if (page >= pages) page = pages - 1;
    var from = page * PAGE;
    var html = [];
    var last = null;
    hits.slice(from, from + PAGE).forEach(function (s) {
      var f = s.getAttribute('data-folder');
      if (f !== last) {
        if (f) html.push('<div class="folder">' + esc(f) + '</div>');
        last = f;
      }
      html.push(s.textContent);
    });
    list.innerHTML = html.join('');
    shown.textContent = hits.length === 0 ? 'no requests' :
      'requests ' + (from + 1) + '–' + Math.min(from + PAGE, hits.length) + ' of ' + hits.length +
      (hits.length === store.length ? '' : ' (' + store.length + ' in all)');
    shown.setAttribute('data-count', String(hits.length));
    pageOf.textContent = 'page ' + (page + 1) + ' of ' + pages;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }

  function again() { page = 0; render(); }
  var timer = null;
  onlyFailed.addEventListener('change', again);
  folder.addEventListener('change', again);
  search.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(again, 150);
  });
  prev.addEventListener('click', function () { page -= 1; render(); window.scrollTo(0, 0); });
  next.addEventListener('click', function () { page += 1; render(); window.scrollTo(0, 0); });
  window.addEventListener('hashchange', function () { fromHash(); again(); });
  fromHash();
  render();
}());
