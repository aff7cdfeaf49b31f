// Passkey ceremonies (WebAuthn) for a form marked data-webauthn="create" or "get": the options come
// from the page's JSON block #webauthn-options (made by the server, with its one-time challenge);
// the browser's answer goes into the hidden field "credential" as JSON and the form is posted.
// The server verifies everything; this file only carries bytes between the browser and the form.
(function () {
  'use strict';

  var form = document.querySelector('form[data-webauthn]');
  var block = document.getElementById('webauthn-options');
  if (!form || !block) return;
  var mode = form.getAttribute('data-webauthn');
  var status = form.querySelector('[data-webauthn-status]');
  var field = form.querySelector('input[name="credential"]');
  var button = form.querySelector('button[type="submit"]');

  function say(key) {
    if (status) status.textContent = form.getAttribute('data-msg-' + key) || '';
  }

  if (!window.PublicKeyCredential || !navigator.credentials) {
    say('unsupported');
    if (button) button.disabled = true;
    return;
  }

  function toBytes(text) {
    var b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (b64.length % 4) b64 += '=';
    var raw = atob(b64);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }

  function toText(buffer) {
    if (!buffer) return undefined;
    var bytes = new Uint8Array(buffer);
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (c) {
      return { type: 'public-key', id: toBytes(c.id), transports: c.transports && c.transports.length ? c.transports : undefined };
    });
  }

  function creationOptions(o) {
    return {
      rp: o.rp,
      user: { id: toBytes(o.user.id), name: o.user.name, displayName: o.user.displayName },
      challenge: toBytes(o.challenge),
      pubKeyCredParams: o.pubKeyCredParams,
      timeout: o.timeout,
      excludeCredentials: descriptors(o.excludeCredentials),
      authenticatorSelection: o.authenticatorSelection,
      attestation: o.attestation || 'none',
      extensions: o.extensions,
    };
  }

  function requestOptions(o) {
    return {
      challenge: toBytes(o.challenge),
      rpId: o.rpId,
      timeout: o.timeout,
      allowCredentials: descriptors(o.allowCredentials),
      userVerification: o.userVerification,
      extensions: o.extensions,
    };
  }

  function credentialJson(cred) {
    var r = cred.response;
    var response = { clientDataJSON: toText(r.clientDataJSON) };
    if (mode === 'create') {
      response.attestationObject = toText(r.attestationObject);
      response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
    } else {
      response.authenticatorData = toText(r.authenticatorData);
      response.signature = toText(r.signature);
      if (r.userHandle) response.userHandle = toText(r.userHandle);
    }
    return {
      id: cred.id,
      rawId: toText(cred.rawId),
      type: cred.type,
      response: response,
      authenticatorAttachment: cred.authenticatorAttachment || undefined,
      clientExtensionResults: typeof cred.getClientExtensionResults === 'function' ? cred.getClientExtensionResults() : {},
    };
  }

  var busy = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (busy) return;
    busy = true;
    say('busy');
    var options = JSON.parse(block.textContent);
    var ceremony =
      mode === 'create'
        ? navigator.credentials.create({ publicKey: creationOptions(options) })
        : navigator.credentials.get({ publicKey: requestOptions(options) });
    ceremony
      .then(function (cred) {
        if (!cred) throw new Error('no credential');
        field.value = JSON.stringify(credentialJson(cred));
        // form.submit() posts without firing this handler again.
        form.submit();
      })
      .catch(function () {
        busy = false;
        say('cancelled');
      });
  });
})();
