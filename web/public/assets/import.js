// Registering a received advice: "split at the cursor" sends where the cursor stood in the item's
// text. Without this file the server splits at the first empty line (the page says so).
(function () {
  'use strict';
  var form = document.querySelector('form[data-import-form]');
  if (!form) return;
  // Only a text someone has clicked or typed in has a cursor worth sending.
  var touched = new Set();
  form.querySelectorAll('textarea').forEach(function (area) {
    ['focus', 'click', 'keyup', 'select'].forEach(function (type) {
      area.addEventListener(type, function () { touched.add(area); });
    });
  });
  form.addEventListener('submit', function (event) {
    var button = event.submitter;
    var m = button && /^split:(\d+)$/.exec(button.value || '');
    if (!m) return;
    var hidden = form.querySelector('input[name="items.' + m[1] + '.cursor"]');
    var area = hidden && document.getElementById(hidden.getAttribute('data-cursor-for'));
    if (area && touched.has(area)) hidden.value = String(area.selectionStart);
  });
})();
