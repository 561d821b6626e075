import { useState } from 'react';
import { Alert, Button, Center, Code, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { Problem } from '../api/problem';
import { ProblemAlert } from '../components/common';
import { useSession } from '../app';

/** Sign in with a token (`./timeflow token`) or an API key; the suite decides what it may do. */
export function SignIn() {
  const { signIn, ended } = useSession();
  const [credential, setCredential] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  document.title = 'Sign in · Timeflow';

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(credential);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = error instanceof Problem ? error.fieldError('credential') : undefined;

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" maw={520} w="100%" component="main">
        <form onSubmit={submit} aria-labelledby="signin-title">
          <Stack>
            <Title order={1} size="h2" id="signin-title">Sign in to Timeflow</Title>
            {ended && <Alert color="orange" role="status">{ended}</Alert>}
            <Text size="sm">
              Paste a token or an API key. On this machine, <Code>./timeflow token</Code> prints an administrator
              token (<Code>--role operator</Code>, <Code>viewer</Code>, … for others).
            </Text>
            <PasswordInput
              label="Token or API key"
              description="Kept in this browser tab only, and sent to the suite with every call."
              value={credential}
              onChange={(e) => setCredential(e.currentTarget.value)}
              error={fieldError}
              autoComplete="off"
              data-autofocus
              required
            />
            <ProblemAlert error={error && !fieldError ? error : null} />
            <Button type="submit" loading={busy}>Sign in</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
