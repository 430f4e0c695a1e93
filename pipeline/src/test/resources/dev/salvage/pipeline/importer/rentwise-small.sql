-- A hand-made database in the shape of Rentwise's (samples/SCENARIO.md, the generator's pg_dump
-- template): the same tables, keys, sequences and constraints, and a handful of rows.
SET client_min_messages = warning;

CREATE TABLE public.customers (
    id bigint NOT NULL,
    email text NOT NULL,
    full_name text NOT NULL,
    phone text,
    locale character varying(5) DEFAULT 'en'::character varying NOT NULL,
    stripe_customer_id text,
    created_at timestamp(0) with time zone NOT NULL,
    updated_at timestamp(0) with time zone NOT NULL
);
CREATE SEQUENCE public.customers_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.customers_id_seq OWNED BY public.customers.id;
CREATE TABLE public.locations (
    code character varying(3) NOT NULL,
    name text NOT NULL,
    city text NOT NULL,
    country character(2) NOT NULL,
    timezone text NOT NULL,
    calendar_id text
);
CREATE TABLE public.payments (
    id bigint NOT NULL,
    reservation_id bigint NOT NULL,
    kind text NOT NULL,
    stripe_charge_id text,
    stripe_refund_id text,
    amount_cents integer NOT NULL,
    currency character(3) NOT NULL,
    status text NOT NULL,
    created_at timestamp(0) with time zone NOT NULL
);
CREATE SEQUENCE public.payments_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.payments_id_seq OWNED BY public.payments.id;
CREATE TABLE public.reservations (
    id bigint NOT NULL,
    reference character varying(9) NOT NULL,
    customer_id bigint NOT NULL,
    vehicle_plate text NOT NULL,
    pickup_location_code character varying(3) NOT NULL,
    pickup_at timestamp(0) with time zone NOT NULL,
    return_at timestamp(0) with time zone NOT NULL,
    status text NOT NULL,
    total_cents integer NOT NULL,
    currency character(3) DEFAULT 'EUR'::bpchar NOT NULL,
    stripe_payment_intent_id text,
    calendar_event_id text,
    notes text,
    created_at timestamp(0) with time zone NOT NULL,
    updated_at timestamp(0) with time zone NOT NULL,
    CONSTRAINT reservations_status_check CHECK ((status = ANY (ARRAY['confirmed'::text, 'cancelled'::text])))
);
CREATE SEQUENCE public.reservations_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.reservations_id_seq OWNED BY public.reservations.id;
CREATE TABLE public.vehicles (
    plate text NOT NULL,
    model text NOT NULL,
    category text NOT NULL,
    home_location_code character varying(3) NOT NULL,
    daily_rate_cents integer NOT NULL
);
ALTER TABLE ONLY public.customers ALTER COLUMN id SET DEFAULT nextval('public.customers_id_seq'::regclass);
ALTER TABLE ONLY public.payments ALTER COLUMN id SET DEFAULT nextval('public.payments_id_seq'::regclass);
ALTER TABLE ONLY public.reservations ALTER COLUMN id SET DEFAULT nextval('public.reservations_id_seq'::regclass);

INSERT INTO public.locations VALUES
  ('LIS', 'Lisbon Airport', 'Lisbon', 'PT', 'Europe/Lisbon', 'lis@group.calendar.google.com'),
  ('OPO', 'Porto Airport', 'Porto', 'PT', 'Europe/Lisbon', 'opo@group.calendar.google.com');
INSERT INTO public.vehicles VALUES
  ('AA-11-BB', 'Fiat 500', 'mini', 'LIS', 3500),
  ('CC-22-DD', 'VW Golf', 'compact', 'OPO', 5000);
INSERT INTO public.customers VALUES
  (1, 'ana@example.com', 'Ana Silva', '+351911111111', 'pt', 'cus_ana', '2026-01-02 10:00:00+00', '2026-01-02 10:00:00+00'),
  (2, 'bruno@example.com', 'Bruno Costa', '+351922222222', 'en', NULL, '2026-01-05 11:30:00+00', '2026-01-06 09:00:00+00'),
  (3, 'carla@example.com', 'Carla O''Neil', NULL, 'en', 'cus_carla', '2026-01-07 08:15:00+00', '2026-01-07 08:15:00+00');
INSERT INTO public.reservations VALUES
  (1, 'RW-AAA111', 1, 'AA-11-BB', 'LIS', '2026-02-10 09:00:00+00', '2026-02-12 09:00:00+00', 'confirmed', 12000, 'EUR', 'pi_1', 'evt1', NULL, '2026-01-10 10:00:00+00', '2026-01-10 10:00:00+00'),
  (2, 'RW-BBB222', 2, 'CC-22-DD', 'OPO', '2026-02-20 09:00:00+00', '2026-02-25 09:00:00+00', 'confirmed', 25000, 'EUR', 'pi_2', 'evt2', 'late', '2026-01-11 10:00:00+00', '2026-01-11 10:00:00+00');
INSERT INTO public.payments VALUES
  (1, 1, 'charge', 'ch_1', NULL, 12000, 'EUR', 'succeeded', '2026-01-10 10:01:00+00');
SELECT pg_catalog.setval('public.customers_id_seq', 3, true);
SELECT pg_catalog.setval('public.payments_id_seq', 1, true);
SELECT pg_catalog.setval('public.reservations_id_seq', 2, true);

ALTER TABLE ONLY public.customers ADD CONSTRAINT customers_email_key UNIQUE (email);
ALTER TABLE ONLY public.customers ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.locations ADD CONSTRAINT locations_pkey PRIMARY KEY (code);
ALTER TABLE ONLY public.payments ADD CONSTRAINT payments_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.reservations ADD CONSTRAINT reservations_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.reservations ADD CONSTRAINT reservations_reference_key UNIQUE (reference);
ALTER TABLE ONLY public.vehicles ADD CONSTRAINT vehicles_pkey PRIMARY KEY (plate);
CREATE INDEX reservations_customer_id_idx ON public.reservations USING btree (customer_id);
ALTER TABLE ONLY public.payments ADD CONSTRAINT payments_reservation_id_fkey FOREIGN KEY (reservation_id) REFERENCES public.reservations(id);
ALTER TABLE ONLY public.reservations ADD CONSTRAINT reservations_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);
ALTER TABLE ONLY public.reservations ADD CONSTRAINT reservations_pickup_location_code_fkey FOREIGN KEY (pickup_location_code) REFERENCES public.locations(code);
ALTER TABLE ONLY public.reservations ADD CONSTRAINT reservations_vehicle_plate_fkey FOREIGN KEY (vehicle_plate) REFERENCES public.vehicles(plate);
ALTER TABLE ONLY public.vehicles ADD CONSTRAINT vehicles_home_location_code_fkey FOREIGN KEY (home_location_code) REFERENCES public.locations(code);
