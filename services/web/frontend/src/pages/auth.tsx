import { useState } from 'preact/hooks';
import { api, ApiError, login } from '../api';
import { navigate } from '../router';
import { ErrorLine, Field } from '../ui';

function nextPath() {
  const next = new URLSearchParams(location.search).get('next');
  // Only a path on this site: "//host" and "/\host" would leave it.
  return next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
}

export function Login() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await login(email, password);
      navigate(nextPath(), true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fields = error instanceof ApiError ? error.fields() : {};
  return (
    <form class="card narrow" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">Log in</h1>
      <Field label="Email" name="email" type="email" autoComplete="email" value={email} onInput={setEmail} error={fields.email} required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" value={password} onInput={setPassword} error={fields.password} required />
      {!Object.keys(fields).length && <ErrorLine error={error} />}
      <button type="submit" disabled={busy}>Log in</button>
      <p>New here? <a href="/signup">Create an account</a></p>
    </form>
  );
}

export function Signup() {
  const [form, setForm] = useState({ email: '', password: '', handle: '', displayName: '' });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('/auth/signup', { method: 'POST', json: form });
      await login(form.email, form.password);
      navigate('/', true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fields = error instanceof ApiError ? error.fields() : {};
  return (
    <form class="card narrow" onSubmit={submit} aria-labelledby="signup-title" noValidate>
      <h1 id="signup-title">Create your account</h1>
      <Field label="Email" name="email" type="email" autoComplete="email" value={form.email} onInput={set('email')} error={fields.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" value={form.password} onInput={set('password')} error={fields.password} />
      <Field label="Handle" name="handle" autoComplete="username" value={form.handle} onInput={set('handle')} error={fields.handle} />
      <Field label="Display name" name="displayName" autoComplete="name" value={form.displayName} onInput={set('displayName')} error={fields.displayName} />
      <ErrorLine error={error instanceof ApiError && error.problem.errors?.length ? null : error} />
      <button type="submit" disabled={busy}>Sign up</button>
      <p>Have an account? <a href="/login">Log in</a></p>
    </form>
  );
}
