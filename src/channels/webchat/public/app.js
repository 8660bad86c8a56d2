'use strict';
/*
 * The resident's chat page: a language choice, then Bot Framework Web Chat (window.WebChat, the prebuilt
 * bundle) on a Direct Line token from POST /api/webchat/token. The token is kept in sessionStorage, so a
 * reload resumes the conversation. Page language and direction follow the bot: every reply carries `locale`.
 */
(function () {
  var NONCE = document.currentScript ? document.currentScript.nonce : undefined;
  var STORAGE_KEY = 'brobygger.webchat';
  var LANGS = ['da', 'en', 'ar', 'fa', 'pl', 'so', 'tr', 'uk', 'ur'];
  var AUTONYMS = { da: 'Dansk', en: 'English', ar: 'العربية', fa: 'فارسی', pl: 'Polski', so: 'Soomaali', tr: 'Türkçe', uk: 'Українська', ur: 'اردو' };
  var RTL = { ar: true, fa: true, ur: true };
  // Web Chat's own strings exist for some of these; the rest fall back to ours (texts.<lng>.webChat).
  // ar-EG rather than ar-SA: the same Arabic, with Gregorian dates.
  var WEBCHAT_LOCALES = { da: 'da-DK', en: 'en-GB', ar: 'ar-EG', fa: 'fa-IR', pl: 'pl-PL', so: 'so-SO', tr: 'tr-TR', uk: 'uk-UA', ur: 'ur-PK' };
  var STATUS = { online: 2, expiredToken: 3, failedToConnect: 4, ended: 5 };

  var embedded = new URLSearchParams(location.search).has('embed');
  var texts;
  var lang;
  var session;
  var directLine;
  var store;

  function $(id) {
    return document.getElementById(id);
  }

  function baseLang(locale) {
    var base = String(locale || '').toLowerCase().split(/[-_]/)[0];
    return LANGS.indexOf(base) >= 0 ? base : undefined;
  }

  function preferredLang() {
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < wanted.length; i++) {
      var l = baseLang(wanted[i]);
      if (l) return l;
    }
    return 'da';
  }

  function load() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      return saved && saved.token && saved.conversationId ? saved : undefined;
    } catch (e) {
      return undefined;
    }
  }

  function save() {
    if (!session) return;
    if (directLine && directLine.token) session.token = directLine.token;
    session.lang = lang;
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch (e) {
      // Private mode without storage: the chat works, a reload starts a new one.
    }
  }

  function forget() {
    session = undefined;
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch (e) {
      // nothing kept
    }
  }

  function applyTexts() {
    var t = texts[lang];
    document.documentElement.lang = lang;
    document.documentElement.dir = RTL[lang] ? 'rtl' : 'ltr';
    document.title = t.pageTitle;
    document.querySelectorAll('[data-text]').forEach(function (el) {
      el.textContent = t[el.getAttribute('data-text')];
    });
    document.querySelectorAll('[data-label]').forEach(function (el) {
      el.setAttribute('aria-label', t[el.getAttribute('data-label')]);
    });
  }

  function notice(key) {
    var el = $('notice');
    el.textContent = key ? texts[lang][key] : '';
    el.hidden = !key;
  }

  function showChooser(reason) {
    $('chat').hidden = true;
    $('new-chat').hidden = true;
    $('choose').hidden = false;
    notice(reason);
    var list = $('languages');
    if (!list.children.length) {
      LANGS.forEach(function (l) {
        var item = document.createElement('li');
        var button = document.createElement('button');
        button.type = 'button';
        button.lang = l;
        button.dir = RTL[l] ? 'rtl' : 'ltr';
        button.textContent = AUTONYMS[l];
        button.setAttribute('data-lang', l);
        button.addEventListener('click', function () {
          choose(l);
        });
        item.appendChild(button);
        list.appendChild(item);
      });
    }
    var current = list.querySelector('button[data-lang="' + lang + '"]') || list.querySelector('button');
    current.focus();
  }

  function choose(l) {
    lang = l;
    applyTexts();
    document.querySelectorAll('#languages button').forEach(function (b) {
      b.disabled = true;
    });
    notice('connecting');
    fetch('/api/webchat/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      .then(function (res) {
        if (res.status === 429) throw new Error('tooMany');
        if (!res.ok) throw new Error('failed');
        return res.json();
      })
      .then(function (t) {
        session = { token: t.token, conversationId: t.conversationId, domain: t.domain || null, lang: lang };
        save();
        startChat(false);
      })
      .catch(function (err) {
        document.querySelectorAll('#languages button').forEach(function (b) {
          b.disabled = false;
        });
        showChooser(err.message === 'tooMany' ? 'tooMany' : 'failed');
      });
  }

  function render() {
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        locale: WEBCHAT_LOCALES[lang],
        dir: RTL[lang] ? 'rtl' : 'ltr',
        nonce: NONCE,
        overrideLocalizedStrings: texts[lang].webChat,
        styleOptions: {
          accent: '#0b5394',
          primaryFont: "system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', Tahoma, sans-serif",
          bubbleBorderRadius: 12,
          bubbleFromUserBorderRadius: 12,
          bubbleFromUserBackground: '#dcebf9',
          bubbleFromUserBorderWidth: 0,
          bubbleBorderColor: '#d7dde3',
          bubbleMaxWidth: 560,
          hideUploadButton: true,
          // Every button in view, wrapped, rather than a carousel to scroll: easier on a phone and by keyboard.
          suggestedActionLayout: 'flow',
          suggestedActionBorderRadius: 18,
          suggestedActionHeight: 36,
          sendBoxHeight: 52,
          rootHeight: '100%',
          rootWidth: '100%',
          backgroundColor: '#f6f8fa',
        },
      },
      $('chat'),
    );
  }

  /** The bot answers in the resident's language; the page (direction, Web Chat's strings) follows. */
  function switchLanguage(l) {
    if (l === lang) return;
    lang = l;
    applyTexts();
    save();
    render();
  }

  function startChat(resume) {
    $('choose').hidden = true;
    $('chat').hidden = false;
    $('new-chat').hidden = embedded;
    notice(resume ? undefined : 'connecting');
    directLine = window.WebChat.createDirectLine({
      token: session.token,
      domain: session.domain || location.origin + '/v3/directline',
      conversationId: resume ? session.conversationId : undefined,
      webSocket: true,
      conversationStartProperties: { locale: WEBCHAT_LOCALES[lang] },
    });
    var online = false;
    directLine.connectionStatus$.subscribe(function (status) {
      if (status === STATUS.online && !online) {
        online = true;
        notice(undefined);
        save();
        focusSendBox();
      } else if (status === STATUS.expiredToken || status === STATUS.failedToConnect || status === STATUS.ended) {
        if (online && status === STATUS.expiredToken) return; // DirectLineJS gets a new token by itself
        directLine.end();
        forget();
        showChooser(resume ? 'expired' : 'failed');
      }
    });
    store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var activity = action.payload.activity;
            var spoken = activity.type === 'message' && activity.from && activity.from.role === 'bot' ? baseLang(activity.locale) : undefined;
            if (spoken && spoken !== lang) setTimeout(function () { switchLanguage(spoken); });
          }
          return next(action);
        };
      };
    });
    render();
  }

  function focusSendBox(tries) {
    var input = $('chat').querySelector('input[type="text"], textarea');
    if (input) input.focus();
    else if ((tries || 0) < 20) setTimeout(function () { focusSendBox((tries || 0) + 1); }, 100);
  }

  // DirectLineJS refreshes its token by itself; the newest one is kept for the next reload.
  setInterval(save, 30000);
  window.addEventListener('pagehide', save);

  $('new-chat').addEventListener('click', function () {
    if (directLine) directLine.end();
    forget();
    location.reload();
  });

  if (embedded) document.body.classList.add('embedded');

  fetch('/webchat/texts.json')
    .then(function (res) {
      return res.json();
    })
    .then(function (loaded) {
      texts = loaded;
      session = load();
      lang = (session && baseLang(session.lang)) || preferredLang();
      applyTexts();
      if (session) startChat(true);
      else showChooser();
    });
})();
