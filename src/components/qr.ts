/** The QR renderer, fetched the first time a QR code is shown (most pages never show one). */
let renderer: Promise<typeof import('lean-qr/nano')> | undefined;

/**
 * Draws `data` as a QR code on a canvas, with lean-qr: pixels on a canvas, no inline SVG or styles, so it
 * works under a strict Content-Security-Policy. BankID's animated code and Swish's code both draw here.
 * `current` says, once the renderer is there, whether the code is still the one to show.
 */
export function drawQr(canvas: HTMLCanvasElement, data: string, current: () => boolean = () => true): void {
  void (renderer ??= import('lean-qr/nano')).then(({ generate }) => {
    if (current()) generate(data).toCanvas(canvas);
  });
}
