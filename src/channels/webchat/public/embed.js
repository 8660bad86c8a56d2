/*
 * Brobygger's chat bubble for any page of the city's site:
 *   <script src="https://<bot>/webchat/embed.js" async></script>
 * A button in the corner opens the chat page in a frame (its own origin, storage and security policy; the
 * host page needs no styles or scripts of ours). Labels follow the host page's <html lang>.
 * Styles are set through the DOM (not style attributes), which host pages' security policies allow.
 */
(function () {
  var script = document.currentScript;
  if (!script || window.__brobyggerEmbed) return;
  window.__brobyggerEmbed = true;
  var origin = new URL(script.src, location.href).origin;
  var LABELS = /*LABELS*/{};
  var RTL = { ar: true, fa: true, ur: true };
  var lang = String(document.documentElement.lang || 'da').toLowerCase().split('-')[0];
  if (!LABELS[lang]) lang = 'da';
  var labels = LABELS[lang];
  var side = RTL[lang] ? 'left' : 'right';

  function css(el, rules) {
    for (var k in rules) el.style[k] = rules[k];
    return el;
  }

  var button = css(document.createElement('button'), {
    position: 'fixed', bottom: '20px', zIndex: '2147483000', width: '60px', height: '60px', borderRadius: '50%',
    border: '0', background: '#0b5394', color: '#fff', boxShadow: '0 4px 14px rgba(0,0,0,.25)', cursor: 'pointer',
    display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '0',
  });
  button.style[side] = '20px';
  button.type = 'button';
  button.setAttribute('aria-label', labels.open);
  button.setAttribute('aria-expanded', 'false');
  button.title = labels.open;
  button.innerHTML =
    '<svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';

  var panel = css(document.createElement('div'), {
    position: 'fixed', bottom: '92px', zIndex: '2147483000', width: '380px', maxWidth: 'calc(100vw - 24px)',
    height: '600px', maxHeight: 'calc(100vh - 112px)', background: '#fff', borderRadius: '14px', overflow: 'hidden',
    boxShadow: '0 8px 28px rgba(0,0,0,.3)', display: 'none', flexDirection: 'column',
  });
  panel.style[side] = '20px';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', labels.title);
  panel.lang = lang;
  panel.dir = RTL[lang] ? 'rtl' : 'ltr';

  var bar = css(document.createElement('div'), {
    display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '8px 8px 8px 14px',
    background: '#0b5394', color: '#fff', font: '600 15px/1.3 system-ui, sans-serif',
  });
  var title = document.createElement('span');
  title.textContent = labels.title;
  var close = css(document.createElement('button'), {
    border: '0', background: 'transparent', color: '#fff', fontSize: '22px', lineHeight: '1', width: '40px',
    height: '40px', borderRadius: '50%', cursor: 'pointer',
  });
  close.type = 'button';
  close.setAttribute('aria-label', labels.close);
  close.title = labels.close;
  close.textContent = '×';
  bar.appendChild(title);
  bar.appendChild(close);
  panel.appendChild(bar);

  var frame;
  function open() {
    if (!frame) {
      frame = css(document.createElement('iframe'), { border: '0', flex: '1', width: '100%' });
      frame.title = labels.title;
      frame.src = origin + '/?embed=1';
      frame.setAttribute('allow', 'clipboard-write');
      panel.appendChild(frame);
    }
    var phone = window.matchMedia('(max-width: 480px)').matches;
    css(panel, phone
      ? { display: 'flex', top: '0', bottom: '0', left: '0', right: '0', width: '100vw', height: '100%', maxWidth: 'none', maxHeight: 'none', borderRadius: '0' }
      : { display: 'flex', top: 'auto', bottom: '92px', width: '380px', height: '600px', maxWidth: 'calc(100vw - 24px)', maxHeight: 'calc(100vh - 112px)', borderRadius: '14px' });
    if (!phone) {
      panel.style.left = side === 'left' ? '20px' : 'auto';
      panel.style.right = side === 'right' ? '20px' : 'auto';
    }
    // On a phone the chat covers the page; the bubble would cover its send button. The × closes it.
    button.style.display = phone ? 'none' : 'flex';
    button.setAttribute('aria-expanded', 'true');
    frame.focus();
  }
  function hide() {
    panel.style.display = 'none';
    button.style.display = 'flex';
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }
  button.addEventListener('click', function () {
    if (panel.style.display === 'none') open();
    else hide();
  });
  close.addEventListener('click', hide);
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') hide();
  });

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
