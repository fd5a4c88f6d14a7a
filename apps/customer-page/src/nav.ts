export const navigate = (path: string) => {
  window.location.hash = `#/${path}`;
};
