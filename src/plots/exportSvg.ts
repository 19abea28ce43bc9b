// Export a chart's <svg> as a standalone SVG file or a PNG. Computed styles are inlined on the copy so
// that the file looks the same outside the page (vector editors ignore the page's stylesheets), and a
// white background is added because slides and papers are not the page's background colour.

const INLINED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
  'paint-order',
  'image-rendering',
] as const;

function copyComputedStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const declarations: string[] = [];
  for (const property of INLINED_PROPERTIES) {
    const value = computed.getPropertyValue(property);
    if (value !== '') declarations.push(`${property}:${value}`);
  }
  const existing = target.getAttribute('style');
  target.setAttribute('style', (existing ? existing + ';' : '') + declarations.join(';'));
  const sourceChildren = source.children;
  const targetChildren = target.children;
  for (let i = 0; i < sourceChildren.length && i < targetChildren.length; i++) {
    copyComputedStyles(sourceChildren[i], targetChildren[i]);
  }
}

function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = box.width || Number(svg.getAttribute('width')) || 640;
  const height = box.height || Number(svg.getAttribute('height')) || 360;
  return { width: Math.round(width), height: Math.round(height) };
}

/** A standalone SVG document of the chart (styles inlined, white background, explicit size). */
export function svgToString(svg: SVGSVGElement): string {
  const { width, height } = svgSize(svg);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copyComputedStyles(svg, copy);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // Interaction-only elements (hover overlays) carry data-export="skip".
  copy.querySelectorAll('[data-export="skip"]').forEach((element) => element.remove());
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', 'white');
  copy.insertBefore(background, copy.firstChild);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
}

function triggerDownload(url: string, filename: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

function withExtension(filename: string, extension: string): string {
  return filename.toLowerCase().endsWith(`.${extension}`) ? filename : `${filename}.${extension}`;
}

/** Save the chart as an .svg file. */
export function downloadSvg(svg: SVGSVGElement, filename = 'plot.svg'): void {
  const blob = new Blob([svgToString(svg)], { type: 'image/svg+xml;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  triggerDownload(url, withExtension(filename, 'svg'));
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Render the chart to a PNG blob at `scale` device pixels per CSS pixel (2 gives crisp slides). */
export function svgToPngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const source = svgToString(svg);
  const url = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml;charset=utf-8' }));
  return new Promise<Blob>((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(width * scale));
      canvas.height = Math.max(1, Math.round(height * scale));
      const context = canvas.getContext('2d');
      if (!context) {
        URL.revokeObjectURL(url);
        reject(new Error('export: no 2D canvas context'));
        return;
      }
      context.fillStyle = 'white';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('export: PNG encoding failed'))), 'image/png');
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('export: the SVG could not be rendered'));
    };
    image.src = url;
  });
}

/** Save the chart as a .png file. */
export async function downloadPng(svg: SVGSVGElement, scale = 2, filename = 'plot.png'): Promise<void> {
  const blob = await svgToPngBlob(svg, scale);
  const url = URL.createObjectURL(blob);
  triggerDownload(url, withExtension(filename, 'png'));
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
