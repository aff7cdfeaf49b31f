// Small enhancements; every task works without this file (the server handles each button too).
(function () {
  'use strict';

  // An error summary gets focus, so that screen reader users hear what to fix first.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();

  // Warn before leaving a form with changes that were not saved.
  var dirty = null;
  document.querySelectorAll('form[data-warn-unsaved]').forEach(function (f) {
    f.addEventListener('input', function () { dirty = f; });
    f.addEventListener('change', function () { dirty = f; });
    f.addEventListener('submit', function () { dirty = null; });
  });
  window.addEventListener('beforeunload', function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = dirty.getAttribute('data-warn-unsaved');
    }
  });

  // The advice form: add, move and remove items in place instead of posting the form.
  var form = document.querySelector('form[data-advice-form]');
  var list = form && form.querySelector('[data-items]');
  var template = document.querySelector('template[data-item-template]');
  var texts = document.querySelector('[data-item-texts]');
  var announcer = form && form.querySelector('[data-item-announcer]');
  if (!form || !list || !template || !texts) return;

  // Dutch texts come from the page, with 0 standing for the number.
  function text(key, n) { return texts.getAttribute('data-' + key).replace('0', String(n)); }
  function say(message) {
    if (!announcer) return;
    announcer.textContent = '';
    setTimeout(function () { announcer.textContent = message; }, 50);
  }
  function items() { return Array.prototype.slice.call(list.querySelectorAll('[data-item]')); }
  function kindOf(item) { var c = item.querySelector('input[type=radio]:checked'); return c ? c.value : ''; }

  // Names, ids, labels, button values and numbering follow the position, as the server renders them.
  function renumber() {
    var all = items();
    var action = form.getAttribute('action');
    // Renaming radios can briefly put two checked ones in one group, and the browser then unchecks one.
    var checked = Array.prototype.slice.call(list.querySelectorAll('input[type=radio]:checked'));
    all.forEach(function (item, i) {
      var n = i + 1;
      item.id = 'onderdeel-' + n;
      item.querySelectorAll('[name]').forEach(function (el) { el.name = el.name.replace(/^items\.\d+\./, 'items.' + i + '.'); });
      item.querySelectorAll('[id]').forEach(function (el) { el.id = el.id.replace(/^f-items-\d+-/, 'f-items-' + i + '-'); });
      item.querySelectorAll('[for]').forEach(function (el) { el.htmlFor = el.htmlFor.replace(/^f-items-\d+-/, 'f-items-' + i + '-'); });
      item.querySelectorAll('[aria-describedby]').forEach(function (el) {
        el.setAttribute('aria-describedby', el.getAttribute('aria-describedby').replace(/f-items-\d+-/g, 'f-items-' + i + '-'));
      });
      item.querySelectorAll('button[data-item-action]').forEach(function (b) {
        var act = b.getAttribute('data-item-action');
        b.value = act + ':' + i;
        b.setAttribute('formaction', action + '#onderdeel-' + (act === 'up' ? n - 1 : act === 'down' ? n + 1 : 'onderdelen'));
        b.hidden = (act === 'up' && i === 0) || (act === 'down' && i === all.length - 1);
        var suffix = b.querySelector('.ww-visually-hidden');
        if (suffix) suffix.textContent = text('suffix', n);
      });
    });
    checked.forEach(function (r) { r.checked = true; });
    var count = { question: 0, advice: 0 };
    all.forEach(function (item, i) {
      var kind = kindOf(item);
      var label = kind === 'question' ? text('question', ++count.question) : kind === 'advice' ? text('advice', ++count.advice) : '';
      item.querySelector('[data-item-number]').textContent = text('item', i + 1);
      item.querySelector('[data-item-label]').textContent = label ? ' · ' + label : '';
    });
    form.querySelectorAll('button[data-item-action^="add"]').forEach(function (b) {
      b.setAttribute('formaction', action + '#onderdeel-' + (all.length + 1));
    });
  }

  list.addEventListener('change', function (e) {
    if (e.target.type === 'radio') renumber();
  });

  form.addEventListener('click', function (e) {
    var button = e.target.closest('button[data-item-action]');
    if (!button) return;
    e.preventDefault();
    dirty = form;
    var act = button.getAttribute('data-item-action');
    var item = button.closest('[data-item]');
    if (act === 'add-question' || act === 'add-advice') {
      var fresh = template.content.firstElementChild.cloneNode(true);
      list.appendChild(fresh);
      fresh.querySelector('input[type=radio][value="' + (act === 'add-question' ? 'question' : 'advice') + '"]').checked = true;
      renumber();
      fresh.querySelector('textarea').focus();
      say(text('added', items().length));
    } else if (act === 'remove') {
      var at = items().indexOf(item);
      item.remove();
      renumber();
      var next = items()[at] || items()[at - 1];
      (next ? next.querySelector('textarea') : form.querySelector('button[data-item-action="add-advice"]')).focus();
      say(text('removed', at + 1));
    } else if (act === 'up' || act === 'down') {
      if (act === 'up' && item.previousElementSibling) list.insertBefore(item, item.previousElementSibling);
      if (act === 'down' && item.nextElementSibling) list.insertBefore(item.nextElementSibling, item);
      renumber();
      var same = item.querySelector('button[data-item-action="' + act + '"]');
      (same.hidden ? item.querySelector('button[data-item-action="' + (act === 'up' ? 'down' : 'up') + '"]') : same).focus();
      say(text('moved', items().indexOf(item) + 1));
    }
  });
})();
