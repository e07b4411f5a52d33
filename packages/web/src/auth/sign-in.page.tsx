import {
  Alert,
  Anchor,
  Button,
  Container,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { describeError, lockedUntil } from '../common/errors';
import { usePageTitle } from '../common/page.component';
import { useFormatters } from '../i18n/format';
import { LanguageSwitcher } from '../i18n/language-switcher.component';
import { login } from './auth.resource';
import { useSession } from './session.context';

type Step = 'credentials' | 'totp';

export function SignInPage({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { signedIn } = useSession();
  usePageTitle(t('signIn'));

  const [step, setStep] = useState<Step>('credentials');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const [invalid, setInvalid] = useState({ username: false, password: false, code: false });

  useEffect(() => {
    (step === 'totp' ? codeInput : usernameInput).current?.focus();
  }, [step]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Checked here rather than by the browser so the messages are in the user's language.
    const missing =
      step === 'credentials'
        ? { username: !username.trim(), password: !password, code: false }
        : { username: false, password: false, code: code.length !== 6 };
    setInvalid(missing);
    if (missing.username || missing.password || missing.code) {
      (missing.username ? usernameInput : missing.password ? passwordInput : codeInput).current?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const response = await login({ username, password, totp: step === 'totp' ? code : undefined });
      signedIn(response.user);
    } catch (caught) {
      setSubmitting(false);
      if (caught instanceof ApiError && caught.code === 'totp_required') {
        // Not an error: the password was right and a second factor is expected.
        setStep('totp');
        return;
      }
      if (caught instanceof ApiError && caught.code === 'totp_invalid') {
        setCode('');
        codeInput.current?.focus();
      } else if (step === 'totp') {
        setStep('credentials');
      }
      setError(caught);
    }
  }

  function startOver() {
    setStep('credentials');
    setInvalid({ username: false, password: false, code: false });
    setPassword('');
    setCode('');
    setError(null);
  }

  const until = lockedUntil(error);
  const errorText = until
    ? t('errorAccountLockedUntil', { until: format.dateTime(until) })
    : describeError(t, error);

  return (
    <Container size={440} py="xl" component="main">
      <Group justify="flex-end" mb="md">
        <LanguageSwitcher hideLabel />
      </Group>
      <Stack gap={4} align="center" mb="lg">
        <Text fw={700} fz={28} c="blue.8" component="p">
          {t('appName')}
        </Text>
        <Text c="dimmed" ta="center">
          {t('appTagline')}
        </Text>
      </Stack>
      <Paper withBorder shadow="sm" p="xl" radius="md">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack>
            <Title order={1} fz="h2">
              {t('signIn')}
            </Title>
            {expired && !error && (
              <Alert color="blue" role="status">
                {t('sessionExpired')}
              </Alert>
            )}
            {error !== null && (
              <Alert color="red" role="alert">
                {errorText}
              </Alert>
            )}
            {step === 'credentials' ? (
              <>
                <TextInput
                  ref={usernameInput}
                  label={t('username')}
                  name="username"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                  value={username}
                  error={invalid.username && t('fieldRequired')}
                  onChange={(e) => setUsername(e.currentTarget.value)}
                />
                <PasswordInput
                  ref={passwordInput}
                  label={t('password')}
                  error={invalid.password && t('fieldRequired')}
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  visibilityToggleButtonProps={{ 'aria-label': t('showCharacters') }}
                />
              </>
            ) : (
              <>
                <Text role="status">{t('totpPrompt', { username })}</Text>
                <TextInput
                  ref={codeInput}
                  label={t('oneTimeCode')}
                  name="totp"
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  pattern="[0-9]*"
                  maxLength={6}
                  required
                  dir="ltr"
                  error={invalid.code && t('enterSixDigits')}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                />
              </>
            )}
            <Button type="submit" loading={submitting} fullWidth>
              {t('signIn')}
            </Button>
            {step === 'totp' && (
              <Anchor component="button" type="button" onClick={startOver} ta="center">
                {t('useAnotherAccount')}
              </Anchor>
            )}
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
