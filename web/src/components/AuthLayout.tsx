import type { ReactNode } from 'react';
import { BrandMark } from './BrandMark';

interface AuthLayoutProps {
  heading: string;
  subtitle: string;
  children: ReactNode;
}

/** Centred card used by the pages shown before signing in. */
export function AuthLayout({ heading, subtitle, children }: AuthLayoutProps) {
  return (
    <main className="auth">
      <div className="auth-card">
        <header className="auth-header">
          <BrandMark />
          <h1>{heading}</h1>
          <p className="muted">{subtitle}</p>
        </header>
        {children}
      </div>
    </main>
  );
}
