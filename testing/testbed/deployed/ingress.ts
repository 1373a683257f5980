// Debian's nginx where ingress-nginx + oauth2-proxy stand in deploy/kubernetes, wired as ingress.yaml's
// annotations make ingress-nginx wire them: every request is first asked about at the auth URL (auth_request);
// a 401 sends the browser to the sign-in page (auth-signin); otherwise the auth answer's `Authorization` header
// replaces whatever the client sent (auth-response-headers: Authorization), and the request goes to the
// Service's ready endpoint with buffering off and an hour's read timeout (the SSE annotations).
// The auth server is a second nginx server block standing in for oauth2-proxy: a session cookie, set by its
// callback for a user who signed in, maps to that user's bearer token; anything else is a 401.
// Both listen on 127.0.0.1 only.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface IngressUser {
  /** what the stand-in IdP hands the browser on sign-in (the callback's ?code=) */
  code: string;
  /** the session cookie value oauth2-proxy would set */
  session: string;
  token: string;
}

export interface IngressOptions {
  dir: string;
  port: number;
  authPort: number;
  /** the Service's stand-in socket (node/forward.mjs in the node), unix:PATH */
  upstreamSocket: string;
  users: IngressUser[];
}

export const SESSION_COOKIE = "_oauth2_proxy";
export const SIGN_IN_TEXT = "Sign in to Plumbline";

export function nginxConf(o: IngressOptions): string {
  const tokenBySession = o.users.map((u) => `    "${u.session}" "Bearer ${u.token}";`).join("\n");
  const sessionByCode = o.users.map((u) => `    "${u.code}" "${u.session}";`).join("\n");
  return `daemon off;
worker_processes 1;
pid ${o.dir}/nginx.pid;
error_log ${o.dir}/error.log info;
events { worker_connections 256; }
http {
  access_log ${o.dir}/access.log;
  client_body_temp_path ${o.dir}/body;
  proxy_temp_path ${o.dir}/proxy;
  fastcgi_temp_path ${o.dir}/fastcgi;
  uwsgi_temp_path ${o.dir}/uwsgi;
  scgi_temp_path ${o.dir}/scgi;
  map $cookie_${SESSION_COOKIE} $session_token {
    default "";
${tokenBySession}
  }
  map $arg_code $new_session {
    default "";
${sessionByCode}
  }
  upstream plumbline { server ${o.upstreamSocket}; }

  # ingress-nginx for the Ingress "plumbline" (deploy/kubernetes/ingress.yaml)
  server {
    listen 127.0.0.1:${o.port};
    location = /_external-auth {
      internal;
      proxy_pass http://127.0.0.1:${o.authPort}/oauth2/auth;
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
    }
    location /oauth2/ { proxy_pass http://127.0.0.1:${o.authPort}; }
    location @signin { return 302 /oauth2/start?rd=$request_uri; }
    location / {
      auth_request /_external-auth;
      auth_request_set $authorization $upstream_http_authorization;
      proxy_set_header Authorization $authorization;
      error_page 401 = @signin;
      proxy_pass http://plumbline;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_buffering off;
      proxy_read_timeout 3600s;
      proxy_send_timeout 3600s;
    }
  }

  # oauth2-proxy's endpoints (--set-authorization-header)
  server {
    listen 127.0.0.1:${o.authPort};
    location = /oauth2/auth {
      if ($session_token = "") { return 401; }
      add_header Authorization $session_token always;
      return 202;
    }
    location = /oauth2/start {
      default_type text/html;
      return 200 "<!doctype html><title>Sign in</title><h1>${SIGN_IN_TEXT}</h1><p>Your identity provider's sign-in page.</p>";
    }
    location = /oauth2/callback {
      if ($new_session = "") { return 403; }
      add_header Set-Cookie "${SESSION_COOKIE}=$new_session; Path=/; HttpOnly; SameSite=Lax" always;
      return 302 /;
    }
  }
}
`;
}

/** Starts nginx in the foreground (ours to stop); resolves once it accepts. */
export async function startIngress(o: IngressOptions): Promise<{ stop: () => void; proc: ChildProcess }> {
  mkdirSync(o.dir, { recursive: true });
  const conf = path.join(o.dir, "nginx.conf");
  writeFileSync(conf, nginxConf(o));
  const proc = spawn("nginx", ["-c", conf, "-p", o.dir, "-e", path.join(o.dir, "error.log")], { stdio: "ignore" });
  for (const deadline = Date.now() + 15_000; ; await new Promise((r) => setTimeout(r, 100))) {
    if (proc.exitCode !== null) throw new Error(`nginx exited (${proc.exitCode}): see ${o.dir}/error.log`);
    const ok = await fetch(`http://127.0.0.1:${o.authPort}/oauth2/start`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer on 127.0.0.1:${o.authPort}`);
  }
  return { proc, stop: () => proc.kill("SIGQUIT") };
}
