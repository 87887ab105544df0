import { createRoot } from 'react-dom/client';

function App() {
  return <p>The playground is on its way.</p>;
}

const root = document.getElementById('app');
if (root) createRoot(root).render(<App />);
