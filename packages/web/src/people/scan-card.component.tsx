import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import { passageIdFromScan } from './card-url';
import { cameraProblem, cameraSupported, openCamera, watchForQr, type CameraProblem } from './qr-camera';

const PROBLEM_TEXT: Record<CameraProblem, TranslationKey> = {
  unsupported: 'peopleScanNoCamera',
  denied: 'peopleScanDenied',
  'not-found': 'peopleScanNoCamera',
  'in-use': 'peopleScanInUse',
  failed: 'peopleScanFailed',
};

/** Camera view that reads a card's QR code, with typing the identifier as the fallback. */
export function ScanCardModal({
  onClose,
  onIdentifier,
}: {
  onClose: () => void;
  onIdentifier: (id: string) => void;
}) {
  const { t } = useTranslation();
  // A state, not a ref: the modal mounts its content after opening, and the camera starts only then.
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [problem, setProblem] = useState<CameraProblem | null>(cameraSupported() ? null : 'unsupported');
  const [unreadable, setUnreadable] = useState(false);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);
  // The camera opens once per modal; a new onIdentifier from the parent must not restart it.
  const found = useRef(onIdentifier);
  useEffect(() => {
    found.current = onIdentifier;
  });

  useEffect(() => {
    const element = video;
    if (!element) return;
    let stream: MediaStream | undefined;
    let stopWatching = () => {};
    let closed = false;
    openCamera(element).then(
      (opened) => {
        stream = opened;
        if (closed) {
          opened.getTracks().forEach((track) => track.stop());
          return;
        }
        stopWatching = watchForQr(element, (text) => {
          const parsed = passageIdFromScan(text);
          if (!parsed.ok) {
            setUnreadable(true); // Another QR code, e.g. a vaccination certificate: keep looking.
            return false;
          }
          found.current(parsed.id);
          return true;
        });
      },
      (error: unknown) => setProblem(cameraProblem(error)),
    );
    return () => {
      closed = true;
      stopWatching();
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [video]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = passageIdFromScan(typed);
    if (parsed.ok) onIdentifier(parsed.id);
    else
      setTypedError(
        parsed.reason === 'check' ? t('peopleSearchIdDoesNotAddUp') : t('peopleScanTypedInvalid'),
      );
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('peopleScanTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <Stack>
        {problem ? (
          <Alert color="yellow" role="alert">
            {t(PROBLEM_TEXT[problem])}
          </Alert>
        ) : (
          <>
            <Text size="sm">{t('peopleScanHint')}</Text>
            <video
              ref={setVideo}
              muted
              aria-label={t('peopleScanCameraView')}
              style={{ width: '100%', maxHeight: '50vh', background: 'black', borderRadius: 8 }}
            />
            {unreadable && (
              <Text size="sm" c="orange.9" role="status">
                {t('peopleScanNotACard')}
              </Text>
            )}
          </>
        )}
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label={t('peopleScanTypeIt')}
              value={typed}
              onChange={(e) => {
                setTyped(e.currentTarget.value);
                setTypedError(null);
              }}
              error={typedError}
              dir="ltr"
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              placeholder="7K3M-Q9XR-4"
              style={{ flex: 1 }}
            />
            <Button type="submit">{t('peopleScanOpen')}</Button>
          </Group>
        </form>
      </Stack>
    </Modal>
  );
}
