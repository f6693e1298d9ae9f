// The demo site's own script (not the kit): a theme picker, to see the widgets in three municipalities' colours.
// A municipality sets its --esk-… colours in its own CSS, as demo/themes/*.css do.
const THEMES = { exempelby: 'Exempelby', norrby: 'Norrby', sjostad: 'Sjöstad' };
const stored = () => {
  try {
    return localStorage.getItem('demo-theme');
  } catch {
    return null;
  }
};
const link = document.createElement('link');
link.rel = 'stylesheet';
document.head.append(link);
const apply = (theme) => {
  link.href = `/themes/${theme}.css`;
  try {
    localStorage.setItem('demo-theme', theme);
  } catch {
    // Private browsing: the theme holds for this page only.
  }
};
const initial = new URLSearchParams(location.search).get('theme') ?? stored();
apply(initial && Object.hasOwn(THEMES, initial) ? initial : 'exempelby');

const footer = document.querySelector('.site-footer .wrap');
if (footer) {
  const field = document.createElement('p');
  const label = document.createElement('label');
  label.htmlFor = 'demo-theme';
  label.textContent = 'Tema för demosidan: ';
  const select = document.createElement('select');
  select.id = 'demo-theme';
  for (const [value, name] of Object.entries(THEMES)) select.add(new Option(`${name} kommun`, value, false, link.href.endsWith(`/${value}.css`)));
  select.addEventListener('change', () => apply(select.value));
  field.append(label, select);
  footer.append(field);
}
