/**
 * One Content-Security-Policy for the app window and the browser host. Ant Design injects its
 * CSS-in-JS as <style> elements, hence 'unsafe-inline' for styles only; scripts come from the app alone.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
