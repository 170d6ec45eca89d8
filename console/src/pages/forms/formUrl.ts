/** The micro-page's absolute URL: the API gives it relative when PUBLIC_URL is unset. */
export function absoluteUrl(url: string): string {
  return new URL(url, window.location.origin).href;
}
