/**
 * Reading Stripe: list pages saved as JSON, Dashboard CSV exports, and the API with a restricted
 * key, GET only, in parallel created-time slices.
 */
package dev.salvage.connectors.stripe;
