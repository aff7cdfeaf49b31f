/**
 * The verify page's browser script, inlined with the page's CSP nonce. Plain ES2017 so that it
 * runs as written; every text it shows goes in through textContent.
 */
export const verifyClientScript = `(function () {
  var form = document.getElementById('verify-form');
  if (!form || !window.crypto || !crypto.subtle || !window.fetch) return;
  document.documentElement.classList.add('has-js');
  var S = JSON.parse(document.getElementById('verify-strings').textContent);
  var fileInput = document.getElementById('file');
  var shaInput = document.getElementById('sha256');
  var refInput = document.getElementById('reference');
  var result = document.getElementById('result');
  var when = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function show() {
    while (result.firstChild) result.removeChild(result.firstChild);
    for (var i = 0; i < arguments.length; i++) result.appendChild(arguments[i]);
  }
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  function fingerprint(sha) {
    var p = el('p', S.fingerprint + ': ', 'fingerprint');
    p.appendChild(el('code', sha));
    return p;
  }
  function render(body, sha) {
    var box;
    if (body.valid) {
      box = el('div', null, 'result result-valid');
      var list = body.document === 'list';
      box.appendChild(el('h2', list ? S.validHeadingList : S.validHeading));
      box.appendChild(el('p', (list ? S.validBodyList : S.validBody).replace('{org}', body.organisation.name).replace('{reference}', body.reference)));
      var dl = el('dl');
      dl.appendChild(el('dt', S.signedOn));
      dl.appendChild(el('dd', when.format(new Date(body.signedAt))));
      dl.appendChild(el('dt', S.signatories));
      var dd = el('dd');
      var ul = el('ul');
      body.signatories.forEach(function (s) { ul.appendChild(el('li', s.title + ' ' + s.name)); });
      dd.appendChild(ul);
      dl.appendChild(dd);
      box.appendChild(dl);
    } else {
      box = el('div', null, 'result result-invalid');
      box.appendChild(el('h2', S.invalidHeading));
      box.appendChild(el('p', S.invalidBody));
    }
    box.appendChild(fingerprint(sha));
    show(box);
  }

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    var sha = shaInput.value.trim().toLowerCase();
    var file = fileInput.files && fileInput.files[0];
    try {
      if (file) {
        show(el('p', S.checking));
        sha = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
        shaInput.value = sha;
      }
      if (!sha) return show(el('p', S.noInput, 'problem'));
      if (!/^[0-9a-f]{64}$/.test(sha)) return show(el('p', S.badSha, 'problem'));
      var params = new URLSearchParams({ sha256: sha });
      var reference = refInput.value.trim();
      if (reference) params.set('reference', reference);
      var response = await fetch('/api/v1/verify?' + params.toString(), { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error('verify ' + response.status);
      render(await response.json(), sha);
      history.replaceState(null, '', '/verify?' + params.toString());
    } catch (err) {
      show(el('p', S.error, 'problem'));
    }
  });
})();`;
