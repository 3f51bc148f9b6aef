/**
 * The service's icon: a check mark on the pages' blue, as SVG (every current browser takes an SVG icon;
 * /favicon.ico answers with the same image for the browsers and tools that ask for that path regardless).
 */
export const FAVICON_PATH = '/favicon.svg';
export const FAVICON_ICO_PATH = '/favicon.ico';

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#0b3d91"/>
<path d="M8 17l5 5 11-12" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;
