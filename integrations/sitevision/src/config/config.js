// The module's settings in the Sitevision editor (runs in the editor's browser). It fills the e-service list
// from the server's GET /api/services; when that list can't be had, the editor writes the e-service's id instead,
// and is told why. The saved values are the named fields of index.html: backend, element and service.
(function () {
  'use strict';

  // The same rules as the server-side render (src/render.js), which is what finally decides.
  var SERVER = /^(https?):\/\/([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*)(:[0-9]{1,5})?(\/[A-Za-z0-9._~\/-]*)?$/i;
  var SERVICE_ID = /^[a-z][a-z0-9-]{1,62}$/;

  function byId(id) {
    return document.getElementById(id);
  }

  function serverAddress(value) {
    var match = SERVER.exec((value || '').trim());
    if (!match) return null;
    var scheme = match[1].toLowerCase();
    var host = match[2].toLowerCase();
    if (scheme === 'http' && host !== 'localhost' && host !== '127.0.0.1') return null;
    var path = match[4] || '/';
    if (/(^|\/)\.\.?(\/|$)/.test(path)) return null;
    return scheme + '://' + host + (match[3] || '') + (path.charAt(path.length - 1) === '/' ? path : path + '/');
  }

  function showError(id, input, message) {
    var el = byId(id);
    el.textContent = message || '';
    el.hidden = !message;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  function init() {
    var backend = byId('esk-backend');
    var element = byId('esk-element');
    if (!backend || !element || backend.getAttribute('data-esk-ready')) return;
    backend.setAttribute('data-esk-ready', 'true');
    var serviceGroup = byId('esk-service-group');
    var listField = byId('esk-service-list-field');
    var list = byId('esk-service-list');
    var idField = byId('esk-service-id-field');
    var id = byId('esk-service');
    var status = byId('esk-service-status');
    var latest = 0;
    var loadedFrom = null;

    function useIdField(reason) {
      listField.hidden = true;
      idField.hidden = false;
      status.textContent = reason;
    }

    function fillList(services, server) {
      while (list.firstChild) list.removeChild(list.firstChild);
      list.appendChild(new Option('Välj e-tjänst', ''));
      var current = id.value.trim();
      var found = false;
      services
        .map(function (service) {
          var title = service.title && (service.title.sv || service.title.en);
          return { id: service.id, title: typeof title === 'string' && title ? title : service.id };
        })
        .sort(function (a, b) { return a.title.localeCompare(b.title, 'sv'); })
        .forEach(function (service) {
          // Option(text, value) sets text, never markup: a title from the server cannot add elements.
          list.appendChild(new Option(service.title + ' (' + service.id + ')', service.id));
          if (service.id === current) found = true;
        });
      if (current && !found) list.appendChild(new Option(current + ' – finns inte i serverns lista', current));
      list.value = current;
      listField.hidden = false;
      idField.hidden = true;
      status.textContent = services.length === 1
        ? 'En e-tjänst finns på ' + server + '.'
        : services.length + ' e-tjänster finns på ' + server + '.';
    }

    function load() {
      if (element.value !== 'e-service-form') return;
      var server = serverAddress(backend.value);
      if (!server) {
        loadedFrom = null;
        useIdField('Ange först e-tjänsternas server, så visas dess e-tjänster här. Annars skriv e-tjänstens id.');
        return;
      }
      if (server === loadedFrom) return;
      loadedFrom = server;
      var request = ++latest;
      status.textContent = 'Hämtar e-tjänsterna från ' + server + '…';
      var controller = typeof AbortController === 'function' ? new AbortController() : null;
      var timer = controller && setTimeout(function () { controller.abort(); }, 10000);
      fetch(server + 'api/services', {
        credentials: 'omit',
        headers: { Accept: 'application/json' },
        signal: controller ? controller.signal : undefined,
      })
        .then(
          function (response) {
            if (!response.ok) throw new Error('servern svarade med felkod ' + response.status);
            return response.json().then(
              function (body) {
                var services = body && body.services;
                var valid = Array.isArray(services) && services.every(function (s) {
                  return s && typeof s.id === 'string' && SERVICE_ID.test(s.id);
                });
                if (!valid) throw new Error('svaret var inte en lista över e-tjänster');
                return services;
              },
              function () { throw new Error('svaret var inte en lista över e-tjänster'); }
            );
          },
          function () {
            throw new Error('servern svarade inte, eller tillåter inte den här sidan att fråga (' +
              location.origin + ' ska stå i serverns ALLOWED_ORIGINS)');
          }
        )
        .then(
          function (services) {
            if (request === latest) fillList(services, server);
          },
          function (error) {
            if (request !== latest) return;
            loadedFrom = null;
            useIdField('Listan över e-tjänster kunde inte hämtas: ' + error.message +
              '. Skriv e-tjänstens id i stället, som det står i e-tjänstens adress på servern.');
          }
        )
        .then(function () { if (timer) clearTimeout(timer); });
    }

    function showService() {
      serviceGroup.hidden = element.value !== 'e-service-form';
      load();
    }

    list.addEventListener('change', function () {
      id.value = list.value;
      showError('esk-service-error', list, '');
    });
    backend.addEventListener('change', function () {
      showError('esk-backend-error', backend, '');
      load();
    });
    element.addEventListener('change', showService);
    showService();
  }

  /** Called by Sitevision before the settings are saved: false keeps the panel open. */
  window.validate = function () {
    var backend = byId('esk-backend');
    var element = byId('esk-element');
    var id = byId('esk-service');
    var ok = true;
    if (!serverAddress(backend.value)) {
      showError('esk-backend-error', backend,
        'Skriv serverns adress med https, till exempel https://etjanster.kommun.se/.');
      ok = false;
    } else {
      showError('esk-backend-error', backend, '');
    }
    var listShown = !byId('esk-service-list-field').hidden;
    var serviceInput = listShown ? byId('esk-service-list') : id;
    if (element.value === 'e-service-form' && !SERVICE_ID.test(id.value.trim())) {
      showError('esk-service-error', serviceInput, listShown
        ? 'Välj vilken e-tjänst modulen ska visa.'
        : 'Skriv e-tjänstens id: små bokstäver a–z, siffror och bindestreck, först en bokstav.');
      ok = false;
    } else {
      showError('esk-service-error', serviceInput, '');
    }
    if (!ok) (backend.getAttribute('aria-invalid') ? backend : serviceInput).focus();
    return ok;
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
  // Sitevision may fill in the saved values after this script has run: look again once it has.
  setTimeout(init, 0);
  window.addEventListener('load', function () {
    var backend = byId('esk-backend');
    if (backend) backend.dispatchEvent(new Event('change'));
  });
})();
