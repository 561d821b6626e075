import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Problem } from '../api/problem';
import { ProblemAlert } from './common';

/**
 * A button that opens a form in a dialog; the form's submit calls the suite, a refusal is shown in the
 * dialog (title, detail, fields at fault, each field's message beside it), success closes it.
 */
export function FormModal<T>({
  button, title, submit = 'Save', onSubmit, onDone, children, buttonProps, color, done, size = 'lg', onOpen,
}: {
  button: ReactNode;
  title: string;
  submit?: string;
  onSubmit: () => Promise<T>;
  onDone?: (result: T) => void;
  /** the form's fields; `problem` names the fields the service refused */
  children: (problem: Problem | null) => ReactNode;
  buttonProps?: ButtonProps & { 'aria-label'?: string };
  color?: string;
  /** what to say once it worked */
  done?: (result: T) => string;
  size?: string;
  onOpen?: () => void;
}) {
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problem = error instanceof Problem ? error : null;

  const submitForm = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await onSubmit();
      setOpened(false);
      if (done) notifications.show({ color: 'green', message: done(result) });
      onDone?.(result);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button color={color} {...buttonProps} onClick={() => { setError(null); onOpen?.(); setOpened(true); }}>{button}</Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={title} size={size} centered>
        <form onSubmit={submitForm} noValidate>
          <Stack>
            {children(problem)}
            <ProblemAlert error={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>Cancel</Button>
              <Button type="submit" loading={busy} color={color}>{submit}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** A button that calls the suite at once (enable, resolve ...), showing a refusal as a notification with its detail. */
export function ActionButton<T>({ children, action, done, onDone, ...props }: {
  children: ReactNode;
  action: () => Promise<T>;
  done?: (result: T) => string;
  onDone?: (result: T) => void;
} & ButtonProps & { 'aria-label'?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      {...props}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const result = await action();
          if (done) notifications.show({ color: 'green', message: done(result) });
          onDone?.(result);
        } catch (e) {
          const p = e instanceof Problem ? e : null;
          notifications.show({
            color: 'red',
            title: p?.title ?? 'Refused',
            message: [p?.detail, ...(p?.errors ?? []).map((f) => `${f.field} ${f.message}`)].filter(Boolean).join(' · ') || String(e),
            autoClose: 12000,
          });
        } finally {
          setBusy(false);
        }
      }}
    >
      {children}
    </Button>
  );
}
