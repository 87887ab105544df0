const app = document.getElementById('app');
if (app) {
  app.textContent =
    'The playground UI is on its way. Run the host from the command line: npm run host -- examples/order';
}
