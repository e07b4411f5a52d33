import { Alert } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What an action did, said where the user's attention goes: the notice takes focus when it appears
 * (the page may have been scrolled down to the button, or the button may be gone).
 */
export function Notice({
  color,
  title,
  onClose,
  children,
}: {
  color: string;
  title?: string;
  onClose?: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color={color}
      role="status"
      title={title}
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
      closeButtonLabel={t('close')}
      // Scrolled to below the fixed header, not under it.
      style={{ outlineOffset: 2, scrollMarginBlock: 'calc(var(--app-shell-header-height, 60px) + 1rem)' }}
    >
      {children}
    </Alert>
  );
}
