/** Shown instead of the dashboard when it reads the cluster as the caller and the request carried no identity. */
export function SignIn({ reason }: { reason?: string } = {}) {
  return (
    <main className="grid min-h-screen place-items-center bg-slate-50 p-6 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <div className="max-w-lg rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900">
        <h1 className="mb-2 text-lg font-semibold">Sign in to see your cluster</h1>
        {reason ? (
          <p data-testid="signed-out" className="mb-2 text-sm font-medium text-red-700 dark:text-red-400">
            {reason}
          </p>
        ) : null}
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Plumbline shows what your own OpenShift or Kubernetes identity may see, and this request carried none. Open
          Plumbline through its Route, which signs you in with the cluster&apos;s OAuth server, or send your token as{" "}
          <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">Authorization: Bearer …</code>.
        </p>
      </div>
    </main>
  );
}
