/**
 * The page's Content-Security-Policy nonce. The api process writes a fresh one into index.html for each answer
 * (src/console/serve-console.ts) and its policy refuses any <style> element without it. The attribute reads back
 * empty once the browser hides it, so the IDL property is read. Unset under `npm run console:dev` (no policy there:
 * the placeholder is left as built).
 */
const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
export const cspNonce: string | undefined = meta?.nonce && !meta.nonce.startsWith('__') ? meta.nonce : undefined;

/**
 * antd's CSS-in-JS takes the nonce from ConfigProvider (main.tsx), but its helpers in @rc-component (the scroll lock
 * of a Modal or Drawer, the scrollbar measurement) insert <style> elements without one, and some of antd's icons
 * carry an empty SVG <style> (rendered by React through createElementNS). What webpack's __webpack_nonce__ does for
 * style-loader: every <style> element the console's own scripts create carries the nonce. Markup injected as HTML
 * (innerHTML, a parsed <style> or style="") never passes here and stays refused.
 */
export function nonceScriptCreatedStyles(): void {
  if (!cspNonce) return;
  const nonce = cspNonce;
  const withNonce = <E extends Element>(name: string, element: E): E => {
    if (name.toLowerCase() === 'style') (element as unknown as HTMLOrSVGElement).nonce = nonce;
    return element;
  };
  const create = document.createElement.bind(document) as (tag: string, options?: ElementCreationOptions) => HTMLElement;
  document.createElement = ((tag: string, options?: ElementCreationOptions) => withNonce(tag, create(tag, options))) as typeof document.createElement;
  const createNS = document.createElementNS.bind(document) as (ns: string | null, name: string, options?: ElementCreationOptions) => Element;
  document.createElementNS = ((ns: string | null, name: string, options?: ElementCreationOptions) =>
    withNonce(name, createNS(ns, name, options))) as typeof document.createElementNS;
}

/**
 * The policy refuses style="" attributes (a markup injection could dress the page up as something else), also when
 * a script sets one with setAttribute('style', …), as antd's auto-sizing TextArea does on its hidden measuring
 * copy. The same declarations through the CSSOM (element.style.cssText) are not refused: setAttribute('style')
 * goes that way instead, with the same effect.
 */
export function styleAttributesThroughCssom(): void {
  if (!cspNonce) return;
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    const style = (this as Partial<ElementCSSInlineStyle>).style;
    if (style && name.toLowerCase() === 'style') style.cssText = String(value);
    else setAttribute.call(this, name, value);
  };
}

/**
 * A srcdoc frame inherits the console's policy on top of its own: its <style> elements need this page's nonce
 * (the form preview: the server's page, whose own policy still forbids scripts and outside resources).
 */
export function withStyleNonce(html: string): string {
  return cspNonce ? html.replace(/<style>/g, `<style nonce="${cspNonce}">`) : html;
}
