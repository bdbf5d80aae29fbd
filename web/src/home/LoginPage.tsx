import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, login } from '../api';
import { toLatinDigits } from '../fa';
import { useTitle } from '../components/ui';
import type { User } from '../types';

export function LoginPage({ notice, onLogin }: { notice?: string; onLogin: (u: User) => Promise<void> }) {
  useTitle('ورود');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const errRef = useRef<HTMLDivElement>(null);
  useEffect(() => nameRef.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || !password) {
      setError('نام کاربری و گذرواژه را وارد کنید.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await login(toLatinDigits(name.trim()), password);
      await onLogin(r.user);
    } catch (e) {
      setBusy(false);
      setError(e instanceof ApiError ? e.message : 'ورود انجام نشد.');
      setTimeout(() => errRef.current?.focus(), 0);
    }
  };

  return (
    <div className="login-page min-vh-100 d-flex align-items-center justify-content-center p-3">
      <main className="card login-card shadow-sm border-0">
        <div className="card-body p-4 p-sm-5">
          <div className="text-center mb-4">
            <img src={`${import.meta.env.BASE_URL}favicon.svg`} width={56} height={56} alt="" className="mb-3" />
            <h1 className="h4 fw-bold mb-1">پل</h1>
            <p className="text-secondary mb-0">میز کار روابط عمومی شورای هماهنگی دستگاه‌های تعاون، کار و رفاه اجتماعی</p>
          </div>
          {notice && !error && (
            <div className="alert alert-info py-2" role="status">
              {notice}
            </div>
          )}
          {error && (
            <div className="alert alert-danger py-2" role="alert" tabIndex={-1} ref={errRef} data-testid="login-error">
              {error}
            </div>
          )}
          <form onSubmit={submit} noValidate>
            <div className="mb-3">
              <label htmlFor="login-name" className="form-label">
                نام کاربری، شمارهٔ همراه یا رایانامه
              </label>
              <input
                ref={nameRef}
                id="login-name"
                name="username"
                className="form-control"
                dir="ltr"
                autoComplete="username"
                value={name}
                onChange={(e) => setName(e.target.value)}
                required
              />
            </div>
            <div className="mb-4">
              <label htmlFor="login-password" className="form-label">
                گذرواژه
              </label>
              <input
                id="login-password"
                name="password"
                type="password"
                className="form-control"
                dir="ltr"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
            </div>
            <button type="submit" className="btn btn-primary w-100" disabled={busy}>
              {busy && <span className="spinner-border spinner-border-sm ms-2" aria-hidden="true" />}
              {busy ? 'در حال ورود…' : 'ورود'}
            </button>
          </form>
        </div>
      </main>
    </div>
  );
}
