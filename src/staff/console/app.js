// Brobygger staff console. No framework, no build step. Everything a resident wrote is put on the page
// with textContent only: resident text is never parsed as HTML.
(function () {
  'use strict';

  var LANGUAGE_NAMES = { da: 'dansk', en: 'engelsk', ar: 'arabisk', fa: 'persisk', pl: 'polsk', so: 'somali', tr: 'tyrkisk', uk: 'ukrainsk', ur: 'urdu' };
  var TOPIC_NAMES = { interpreter: 'tolk', mediation: 'nabomægling', discrimination: 'diskrimination', clubs: 'klubber', counsellor: 'rådgivning', none: 'andet' };
  var REASON_NAMES = { asked: 'bad om et menneske', not_understood: 'botten forstod ikke', danger: 'faresignal' };
  var WHO = { resident: 'Borger', bot: 'Bot', staff: 'Medarbejder' };
  var CANNED_LABELS = { imHere: 'Jeg er her', readingNow: 'Jeg læser', tellMeMore: 'Fortæl mere', areYouSafe: 'Er du i sikkerhed?', call112: 'Ring 112 nu', willCall: 'Jeg ringer', whichNumber: 'Hvilket nummer?', oneMoment: 'Et øjeblik', goodbye: 'Farvel' };
  var TOKEN_KEY = 'brobygger.staffToken';

  var state = { token: null, me: null, items: [], selected: null, canned: null, stream: null, streamRetry: 1000 };

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function show(node, visible) { node.hidden = !visible; }
  function showError(node, message) { node.textContent = message || ''; show(node, !!message); }

  function api(method, path, body) {
    var init = { method: method, headers: { Authorization: 'Bearer ' + state.token } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (res) {
      if (res.status === 401) {
        signOut('Adgangsnøglen virker ikke (længere). Log ind igen.');
        throw new Error('unauthorized');
      }
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) {
          var err = new Error(data && data.error ? data.error : 'Fejl ' + res.status);
          err.status = res.status;
          throw err;
        }
        return data;
      });
    });
  }

  // ---------------------------------------------------------------- sign in / out

  function signIn(token) {
    state.token = token;
    return api('GET', '/api/staff/me').then(function (me) {
      state.me = me;
      sessionStorage.setItem(TOKEN_KEY, token);
      $('me-name').textContent = me.name + ' (' + me.languages.map(function (l) { return LANGUAGE_NAMES[l] || l; }).join(', ') + ')';
      show($('sign-in'), false);
      show($('me'), true);
      show($('workspace'), true);
      showError($('sign-in-error'), '');
      return Promise.all([loadQueue(), loadCanned(), loadRequests()]).then(openStream);
    });
  }

  function signOut(message) {
    state.token = null;
    state.me = null;
    state.selected = null;
    sessionStorage.removeItem(TOKEN_KEY);
    if (state.stream) state.stream.abort();
    state.stream = null;
    show($('workspace'), false);
    show($('me'), false);
    show($('sign-in'), true);
    showError($('sign-in-error'), message || '');
  }

  // ---------------------------------------------------------------- queue

  function loadQueue() {
    return api('GET', '/api/staff/queue').then(function (data) {
      state.items = data.items || [];
      renderQueue();
      if (state.selected) {
        var still = findItem(state.selected);
        if (still) renderChatHead(still);
        else closeChat();
      }
    });
  }

  function findItem(conversationId) {
    for (var i = 0; i < state.items.length; i++) if (state.items[i].conversationId === conversationId) return state.items[i];
    return null;
  }

  function waitingText(since) {
    var s = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return (h ? h + ':' + pad(m) : m) + ':' + pad(sec);
  }

  function renderQueue() {
    var mine = $('queue-mine'), others = $('queue-others');
    mine.replaceChildren();
    others.replaceChildren();
    var waiting = 0;
    state.items.forEach(function (item) {
      if (!item.claimedBy) waiting++;
      var li = el('li');
      li.dataset.conversationId = item.conversationId;
      if (item.urgent) li.classList.add('urgent');
      if (item.flagged) li.classList.add('flagged');
      if (item.conversationId === state.selected) li.classList.add('selected');
      var row = el('div', 'row');
      if (item.urgent) row.appendChild(el('span', 'badge urgent', 'AKUT'));
      if (item.flagged && !item.claimedBy) row.appendChild(el('span', 'badge flag', 'venter for længe'));
      if (item.idle) row.appendChild(el('span', 'badge flag idle', 'stille for længe'));
      if (item.canTakeOver) row.appendChild(el('span', 'badge takeover', 'kan overtages'));
      row.appendChild(el('span', 'badge lang', LANGUAGE_NAMES[item.language] || item.language));
      row.appendChild(el('span', 'badge topic', TOPIC_NAMES[item.topic] || item.topic));
      if (item.outOfHours) row.appendChild(el('span', 'badge', 'uden for åbningstid'));
      if (item.claimedBy) row.appendChild(el('span', 'badge claimed', 'hos ' + (item.claimedByName || item.claimedBy)));
      var wait = el('span', 'wait', waitingText(item.waitingSince));
      wait.dataset.since = item.waitingSince;
      wait.title = 'Ventetid';
      row.appendChild(wait);
      li.appendChild(row);
      var summary = el('p', 'summary', item.summary || REASON_NAMES[item.reason] || '');
      summary.dir = 'auto';
      li.appendChild(summary);
      li.addEventListener('click', function () { openChat(item.conversationId); });
      (item.matchesMe ? mine : others).appendChild(li);
    });
    if (!mine.children.length) mine.appendChild(el('li', 'empty', 'Ingen lige nu.'));
    if (!others.children.length) others.appendChild(el('li', 'empty', 'Ingen.'));
    $('queue-count').textContent = '(' + waiting + ' venter)';
  }

  function tick() {
    var nodes = document.querySelectorAll('.wait[data-since]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = waitingText(nodes[i].dataset.since);
  }

  // ---------------------------------------------------------------- conversation

  function openChat(conversationId) {
    state.selected = conversationId;
    showError($('chat-error'), '');
    $('reply').value = '';
    show($('canned-gloss'), false);
    renderQueue();
    var item = findItem(conversationId);
    if (item) renderChatHead(item);
    show($('chat-empty'), false);
    show($('chat-body'), true);
    return loadTranscript();
  }

  function closeChat() {
    state.selected = null;
    show($('chat-body'), false);
    show($('chat-empty'), true);
    renderQueue();
  }

  function renderChatHead(item) {
    $('chat-title').textContent = (item.urgent ? 'AKUT · ' : '') + (LANGUAGE_NAMES[item.language] || item.language) + ' · ' + (TOPIC_NAMES[item.topic] || item.topic);
    var meta = 'Årsag: ' + (REASON_NAMES[item.reason] || item.reason) + ' · venter siden ' + new Date(item.waitingSince).toLocaleTimeString('da-DK');
    if (item.claimedBy) meta += ' · hos ' + (item.claimedByName || item.claimedBy);
    $('chat-meta').textContent = meta;
    var mineNow = item.claimedBy === state.me.staffId;
    // A chat held by the external hub, or by a colleague silent too long, can be taken over (then closed).
    $('claim').textContent = item.canTakeOver ? 'Overtag samtalen' : 'Tag samtalen';
    show($('claim'), !item.claimedBy || !!item.canTakeOver);
    show($('reply-area'), mineNow);
    renderCanned(item.language);
  }

  function loadTranscript() {
    var id = state.selected;
    if (!id) return Promise.resolve();
    return api('GET', '/api/staff/conversations/' + encodeURIComponent(id) + '/transcript').then(function (data) {
      if (state.selected !== id) return;
      var list = $('transcript');
      list.replaceChildren();
      (data.items || []).forEach(function (line) {
        var li = el('li', line.from);
        li.appendChild(el('span', 'who', (WHO[line.from] || line.from) + ' · ' + new Date(line.timestamp).toLocaleTimeString('da-DK')));
        var text = el('span', 'text', line.text);
        text.dir = 'auto';
        li.appendChild(text);
        list.appendChild(li);
      });
      list.scrollTop = list.scrollHeight;
    }).catch(function (err) { if (err.message !== 'unauthorized') showError($('chat-error'), err.message); });
  }

  function renderCanned(lang) {
    var box = $('canned');
    box.replaceChildren();
    if (!state.canned || !state.canned[lang]) return;
    var replies = state.canned[lang];
    var danish = state.canned.da || {};
    Object.keys(replies).forEach(function (key) {
      var b = el('button', null, CANNED_LABELS[key] || key);
      b.type = 'button';
      b.title = danish[key] || '';
      b.addEventListener('click', function () {
        $('reply').value = replies[key];
        $('reply').dataset.locale = lang;
        var gloss = $('canned-gloss');
        gloss.textContent = lang === 'da' ? '' : 'Betyder: ' + (danish[key] || '');
        show(gloss, lang !== 'da');
        $('reply').focus();
      });
      box.appendChild(b);
    });
  }

  function loadCanned() {
    return api('GET', '/api/staff/canned').then(function (data) { state.canned = data.languages || {}; });
  }

  // 50 at a time, newest first; "Vis flere" follows the API's cursor, so a flood of new requests never hides older ones.
  function loadRequests(cursor) {
    var path = '/api/staff/requests?limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
    return api('GET', path).then(function (data) {
      var list = $('requests');
      if (!cursor) list.replaceChildren();
      var more = list.querySelector('li.more');
      if (more) more.remove();
      (data.items || []).forEach(function (r) {
        var li = el('li', null, r.reference + ' · ' + r.kind + ' · ' + (LANGUAGE_NAMES[r.language] || r.language) + ' · ' + r.status + ' · ' + (r.summary || ''));
        li.dir = 'auto';
        list.appendChild(li);
      });
      if (!list.children.length) list.appendChild(el('li', 'empty', 'Ingen.'));
      if (data.next) {
        var item = el('li', 'more');
        var button = el('button', null, 'Vis flere');
        button.type = 'button';
        button.addEventListener('click', function () { loadRequests(data.next); });
        item.appendChild(button);
        list.appendChild(item);
      }
    }).catch(function () { /* the queue matters more; requests show on the next sign-in */ });
  }

  function act(promise) {
    showError($('chat-error'), '');
    return promise.then(loadQueue).then(loadTranscript).catch(function (err) {
      if (err.message === 'unauthorized') return;
      showError($('chat-error'), err.status === 409 ? 'En anden har samtalen. (' + err.message + ')' : err.message);
      return loadQueue();
    });
  }

  function path(suffix) { return '/api/staff/conversations/' + encodeURIComponent(state.selected) + suffix; }

  // ---------------------------------------------------------------- live events

  // EventSource cannot send an Authorization header, so the stream is read with fetch.
  function openStream() {
    if (!state.token || state.stream) return;
    var controller = new AbortController();
    state.stream = controller;
    fetch('/api/staff/events', { headers: { Authorization: 'Bearer ' + state.token, Accept: 'text/event-stream' }, signal: controller.signal })
      .then(function (res) {
        if (res.status === 401) { signOut('Adgangsnøglen virker ikke (længere). Log ind igen.'); return; }
        if (!res.ok || !res.body) throw new Error('stream ' + res.status);
        $('live').classList.add('on');
        state.streamRetry = 1000;
        var reader = res.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) throw new Error('stream ended');
            buffer += decoder.decode(chunk.value, { stream: true });
            var parts = buffer.split('\n\n');
            buffer = parts.pop();
            parts.forEach(handleEventBlock);
            return pump();
          });
        }
        return pump();
      })
      .catch(function () { /* reconnect below */ })
      .then(function () {
        $('live').classList.remove('on');
        if (state.stream !== controller) return;
        state.stream = null;
        if (!state.token) return;
        setTimeout(function () { loadQueue().catch(function () {}); openStream(); }, state.streamRetry);
        state.streamRetry = Math.min(state.streamRetry * 2, 30000);
      });
  }

  function handleEventBlock(block) {
    var type = 'message', data = '';
    block.split('\n').forEach(function (line) {
      if (line.indexOf('event:') === 0) type = line.slice(6).trim();
      else if (line.indexOf('data:') === 0) data += line.slice(5).trim();
    });
    if (!data) return;
    var event;
    try { event = JSON.parse(data); } catch (e) { return; }
    if (type === 'queue') noticeFor(event);
    if (type === 'queue') loadQueue().catch(function () {});
    if (type === 'message' && event.conversationId === state.selected) loadTranscript();
    if (type === 'message' && event.danger) loadQueue().catch(function () {});
  }

  // The chat may vanish from the queue at once (the resident left): say why, where it stays visible.
  function noticeFor(event) {
    if (!state.me) return;
    var mine = event.previousHolder === state.me.staffId || event.conversationId === state.selected;
    if (!mine) return;
    var item = findItem(event.conversationId);
    var which = item ? ' (' + (LANGUAGE_NAMES[item.language] || item.language) + ' · ' + (TOPIC_NAMES[item.topic] || item.topic) + ')' : '';
    var text = null;
    if (event.change === 'left') {
      text = event.reason === 'deleteData'
        ? 'Borgeren bad om at få sine data slettet og har forladt samtalen' + which + '. Samtalen er slettet.'
        : 'Borgeren har forladt samtalen' + which + ' og skriver med botten igen.';
    } else if (event.change === 'claimed' && event.previousHolder === state.me.staffId) {
      text = 'En kollega har overtaget samtalen' + which + ', fordi du ikke havde skrevet i et stykke tid.';
    }
    if (!text) return;
    var notice = $('notice');
    notice.textContent = text + ' · ' + new Date().toLocaleTimeString('da-DK');
    show(notice, true);
  }

  // ---------------------------------------------------------------- wiring

  document.addEventListener('DOMContentLoaded', function () {
    $('sign-in-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var token = $('token').value.trim();
      $('token').value = '';
      signIn(token).catch(function (err) {
        if (err.message !== 'unauthorized') signOut('Kunne ikke logge ind: ' + err.message);
      });
    });
    $('sign-out').addEventListener('click', function () { signOut(); });
    $('claim').addEventListener('click', function () { act(api('POST', path('/claim'))); });
    $('reply-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var box = $('reply');
      var text = box.value.trim();
      if (!text) return;
      var body = { text: text };
      if (box.dataset.locale) body.locale = box.dataset.locale;
      act(api('POST', path('/messages'), body).then(function () {
        box.value = '';
        delete box.dataset.locale;
        show($('canned-gloss'), false);
      }));
    });
    $('reply').addEventListener('input', function () { delete $('reply').dataset.locale; show($('canned-gloss'), false); });
    $('release').addEventListener('click', function () { act(api('POST', path('/release')).then(closeChat)); });
    $('close-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var note = $('close-note').value.trim();
      if (!note) return;
      act(api('POST', path('/close'), { note: note }).then(function () { $('close-note').value = ''; closeChat(); }));
    });
    setInterval(tick, 1000);
    // A safety net for missed events: the queue is refreshed now and then anyway.
    setInterval(function () { if (state.token) loadQueue().catch(function () {}); }, 30000);

    var saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) signIn(saved).catch(function () { signOut(); });
  });
})();
