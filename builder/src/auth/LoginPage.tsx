import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { useRetryCountdown } from './useRetryCountdown.ts';
import { useLogin } from './useSession.ts';

interface Credentials {
  username: string;
  password: string;
}

/** The sign-in form. On success the app shell takes over (see App); this page does not navigate. */
export function LoginPage() {
  const login = useLogin();
  const [retryAtMs, setRetryAtMs] = useState<number>();
  const secondsLeft = useRetryCountdown(retryAtMs);
  const problem = login.error ? describeApiError(login.error) : undefined;

  const submit = (credentials: Credentials) => {
    setRetryAtMs(undefined);
    login.mutate(
      { ...credentials, username: credentials.username.trim() },
      {
        onError: (error) => {
          const { retryAfterSeconds } = describeApiError(error);
          if (retryAfterSeconds !== undefined) setRetryAtMs(Date.now() + retryAfterSeconds * 1000);
        },
      },
    );
  };

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 16, boxSizing: 'border-box' }}>
      <Card style={{ width: 360, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          Nautilus
        </Typography.Title>
        <Typography.Paragraph type="secondary">Sign in to your dashboards.</Typography.Paragraph>
        {problem && (
          <Alert data-testid="login-error" type="error" showIcon style={{ marginBottom: 16 }} title={problem.message} />
        )}
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={submit} disabled={login.isPending}>
          <Form.Item
            label="Username"
            name="username"
            rules={[{ required: true, whitespace: true, message: 'Enter your username.' }]}
          >
            <Input data-testid="login-username" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="Password" name="password" rules={[{ required: true, message: 'Enter your password.' }]}>
            <Input.Password data-testid="login-password" autoComplete="current-password" />
          </Form.Item>
          <Button
            data-testid="login-submit"
            type="primary"
            htmlType="submit"
            block
            loading={login.isPending}
            disabled={secondsLeft > 0}
          >
            {secondsLeft > 0 ? `Sign in (wait ${secondsLeft} s)` : 'Sign in'}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
