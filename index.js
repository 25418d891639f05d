// n8n loads this package through the "n8n" section of package.json; this entry point is intentionally empty.
module.exports = {};
