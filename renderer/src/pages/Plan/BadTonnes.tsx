/** Why the typed tonnes were not sent, under the form that has them. */
export function BadTonnes({ text }: { text: string }) {
  return (
    <p role="alert" className="w-full text-xs text-red-700 dark:text-red-300">
      {text}
    </p>
  );
}
