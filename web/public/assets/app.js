// Small enhancements; every page works without this file.
(function () {
  'use strict';
  // An error summary gets focus, so that screen reader users hear what to fix first.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();
})();
