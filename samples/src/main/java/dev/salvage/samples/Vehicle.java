package dev.salvage.samples;

/** A car of the fleet; its plate is the key the app's tables use. */
record Vehicle(String plate, Catalog.CarModel model, Catalog.Location home) {}
