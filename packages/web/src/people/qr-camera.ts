/**
 * Reading the QR code on a Passage card with the device camera. The browser's BarcodeDetector is used
 * where it reads QR codes (Chrome on Android, Safari 17+); elsewhere a small JavaScript decoder with
 * the same interface, loaded only then.
 */

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

interface DetectorClass {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<readonly string[]>;
}

export type CameraProblem = 'unsupported' | 'denied' | 'not-found' | 'in-use' | 'failed';

async function qrDetector(): Promise<Detector> {
  const native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  try {
    if (native && (await native.getSupportedFormats()).includes('qr_code')) {
      return new native({ formats: ['qr_code'] });
    }
  } catch {
    // Some browsers expose the class but fail on use; the fallback always works.
  }
  const { BarcodeDetector } = await import('qr/decode.js');
  return new BarcodeDetector({ formats: ['qr_code'] });
}

/** Why the camera could not be opened, in terms the person at the desk can act on. */
export function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'not-found';
  if (name === 'NotReadableError') return 'in-use';
  return 'failed';
}

/** Opens the rear camera into `video`; stop the returned stream's tracks to release it. */
export async function openCamera(video: HTMLVideoElement): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('No camera API', 'NotSupportedError');
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: { ideal: 'environment' } },
    audio: false,
  });
  video.srcObject = stream;
  video.setAttribute('playsinline', ''); // iOS would otherwise open the video full screen.
  await video.play();
  return stream;
}

export function cameraSupported(): boolean {
  return Boolean(navigator.mediaDevices?.getUserMedia);
}

/** Looks for a QR code a few times a second until `onText` returns true or the returned stop is called. */
export function watchForQr(video: HTMLVideoElement, onText: (text: string) => boolean): () => void {
  let stopped = false;
  let timer: number | undefined;
  const tick = async (detector: Detector) => {
    if (stopped) return;
    if (video.readyState >= video.HAVE_CURRENT_DATA) {
      try {
        const [code] = await detector.detect(video);
        if (code && !stopped && onText(code.rawValue)) return;
      } catch {
        // A frame that cannot be read; try the next.
      }
    }
    timer = window.setTimeout(() => void tick(detector), 200);
  };
  void qrDetector().then(tick);
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
