--
-- PostgreSQL database dump
--

\restrict @@RESTRICT_KEY@@

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

-- Started on @@STARTED@@

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- TOC entry 217 (class 1259 OID 16442)
-- Name: customers; Type: TABLE; Schema: public; Owner: rentwise
--

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


ALTER TABLE public.customers OWNER TO rentwise;

--
-- TOC entry 216 (class 1259 OID 16441)
-- Name: customers_id_seq; Type: SEQUENCE; Schema: public; Owner: rentwise
--

CREATE SEQUENCE public.customers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.customers_id_seq OWNER TO rentwise;

--
-- TOC entry 3396 (class 0 OID 0)
-- Dependencies: 216
-- Name: customers_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: rentwise
--

ALTER SEQUENCE public.customers_id_seq OWNED BY public.customers.id;


--
-- TOC entry 214 (class 1259 OID 16422)
-- Name: locations; Type: TABLE; Schema: public; Owner: rentwise
--

CREATE TABLE public.locations (
    code character varying(3) NOT NULL,
    name text NOT NULL,
    city text NOT NULL,
    country character(2) NOT NULL,
    timezone text NOT NULL,
    calendar_id text
);


ALTER TABLE public.locations OWNER TO rentwise;

--
-- TOC entry 221 (class 1259 OID 16483)
-- Name: payments; Type: TABLE; Schema: public; Owner: rentwise
--

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


ALTER TABLE public.payments OWNER TO rentwise;

--
-- TOC entry 220 (class 1259 OID 16482)
-- Name: payments_id_seq; Type: SEQUENCE; Schema: public; Owner: rentwise
--

CREATE SEQUENCE public.payments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.payments_id_seq OWNER TO rentwise;

--
-- TOC entry 3397 (class 0 OID 0)
-- Dependencies: 220
-- Name: payments_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: rentwise
--

ALTER SEQUENCE public.payments_id_seq OWNED BY public.payments.id;


--
-- TOC entry 219 (class 1259 OID 16454)
-- Name: reservations; Type: TABLE; Schema: public; Owner: rentwise
--

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


ALTER TABLE public.reservations OWNER TO rentwise;

--
-- TOC entry 218 (class 1259 OID 16453)
-- Name: reservations_id_seq; Type: SEQUENCE; Schema: public; Owner: rentwise
--

CREATE SEQUENCE public.reservations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.reservations_id_seq OWNER TO rentwise;

--
-- TOC entry 3398 (class 0 OID 0)
-- Dependencies: 218
-- Name: reservations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: rentwise
--

ALTER SEQUENCE public.reservations_id_seq OWNED BY public.reservations.id;


--
-- TOC entry 215 (class 1259 OID 16429)
-- Name: vehicles; Type: TABLE; Schema: public; Owner: rentwise
--

CREATE TABLE public.vehicles (
    plate text NOT NULL,
    model text NOT NULL,
    category text NOT NULL,
    home_location_code character varying(3) NOT NULL,
    daily_rate_cents integer NOT NULL
);


ALTER TABLE public.vehicles OWNER TO rentwise;

--
-- TOC entry 3215 (class 2604 OID 16445)
-- Name: customers id; Type: DEFAULT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.customers ALTER COLUMN id SET DEFAULT nextval('public.customers_id_seq'::regclass);


--
-- TOC entry 3219 (class 2604 OID 16486)
-- Name: payments id; Type: DEFAULT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.payments ALTER COLUMN id SET DEFAULT nextval('public.payments_id_seq'::regclass);


--
-- TOC entry 3217 (class 2604 OID 16457)
-- Name: reservations id; Type: DEFAULT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.reservations ALTER COLUMN id SET DEFAULT nextval('public.reservations_id_seq'::regclass);


--
-- TOC entry 3386 (class 0 OID 16442)
-- Dependencies: 217
-- Data for Name: customers; Type: TABLE DATA; Schema: public; Owner: rentwise
--

COPY public.customers (id, email, full_name, phone, locale, stripe_customer_id, created_at, updated_at) FROM stdin;
@@ROWS customers@@
\.


--
-- TOC entry 3383 (class 0 OID 16422)
-- Dependencies: 214
-- Data for Name: locations; Type: TABLE DATA; Schema: public; Owner: rentwise
--

COPY public.locations (code, name, city, country, timezone, calendar_id) FROM stdin;
@@ROWS locations@@
\.


--
-- TOC entry 3390 (class 0 OID 16483)
-- Dependencies: 221
-- Data for Name: payments; Type: TABLE DATA; Schema: public; Owner: rentwise
--

COPY public.payments (id, reservation_id, kind, stripe_charge_id, stripe_refund_id, amount_cents, currency, status, created_at) FROM stdin;
@@ROWS payments@@
\.


--
-- TOC entry 3388 (class 0 OID 16454)
-- Dependencies: 219
-- Data for Name: reservations; Type: TABLE DATA; Schema: public; Owner: rentwise
--

COPY public.reservations (id, reference, customer_id, vehicle_plate, pickup_location_code, pickup_at, return_at, status, total_cents, currency, stripe_payment_intent_id, calendar_event_id, notes, created_at, updated_at) FROM stdin;
@@ROWS reservations@@
\.


--
-- TOC entry 3384 (class 0 OID 16429)
-- Dependencies: 215
-- Data for Name: vehicles; Type: TABLE DATA; Schema: public; Owner: rentwise
--

COPY public.vehicles (plate, model, category, home_location_code, daily_rate_cents) FROM stdin;
@@ROWS vehicles@@
\.


--
-- TOC entry 3399 (class 0 OID 0)
-- Dependencies: 216
-- Name: customers_id_seq; Type: SEQUENCE SET; Schema: public; Owner: rentwise
--

SELECT pg_catalog.setval('public.customers_id_seq', @@SETVAL customers@@);


--
-- TOC entry 3400 (class 0 OID 0)
-- Dependencies: 220
-- Name: payments_id_seq; Type: SEQUENCE SET; Schema: public; Owner: rentwise
--

SELECT pg_catalog.setval('public.payments_id_seq', @@SETVAL payments@@);


--
-- TOC entry 3401 (class 0 OID 0)
-- Dependencies: 218
-- Name: reservations_id_seq; Type: SEQUENCE SET; Schema: public; Owner: rentwise
--

SELECT pg_catalog.setval('public.reservations_id_seq', @@SETVAL reservations@@);


--
-- TOC entry 3226 (class 2606 OID 16452)
-- Name: customers customers_email_key; Type: CONSTRAINT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_email_key UNIQUE (email);


--
-- TOC entry 3228 (class 2606 OID 16450)
-- Name: customers customers_pkey; Type: CONSTRAINT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);


--
-- TOC entry 3222 (class 2606 OID 16428)
-- Name: locations locations_pkey; Type: CONSTRAINT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.locations
    ADD CONSTRAINT locations_pkey PRIMARY KEY (code);


--
-- TOC entry 3235 (class 2606 OID 16490)
-- Name: payments payments_pkey; Type: CONSTRAINT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (id);


--
-- TOC entry 3231 (class 2606 OID 16463)
-- Name: reservations reservations_pkey; Type: CONSTRAINT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.reservations
    ADD CONSTRAINT reservations_pkey PRIMARY KEY (id);


--
-- TOC entry 3233 (class 2606 OID 16465)
-- Name: reservations reservations_reference_key; Type: CONSTRAINT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.reservations
    ADD CONSTRAINT reservations_reference_key UNIQUE (reference);


--
-- TOC entry 3224 (class 2606 OID 16435)
-- Name: vehicles vehicles_pkey; Type: CONSTRAINT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.vehicles
    ADD CONSTRAINT vehicles_pkey PRIMARY KEY (plate);


--
-- TOC entry 3229 (class 1259 OID 16481)
-- Name: reservations_customer_id_idx; Type: INDEX; Schema: public; Owner: rentwise
--

CREATE INDEX reservations_customer_id_idx ON public.reservations USING btree (customer_id);


--
-- TOC entry 3240 (class 2606 OID 16491)
-- Name: payments payments_reservation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_reservation_id_fkey FOREIGN KEY (reservation_id) REFERENCES public.reservations(id);


--
-- TOC entry 3237 (class 2606 OID 16466)
-- Name: reservations reservations_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.reservations
    ADD CONSTRAINT reservations_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);


--
-- TOC entry 3238 (class 2606 OID 16476)
-- Name: reservations reservations_pickup_location_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.reservations
    ADD CONSTRAINT reservations_pickup_location_code_fkey FOREIGN KEY (pickup_location_code) REFERENCES public.locations(code);


--
-- TOC entry 3239 (class 2606 OID 16471)
-- Name: reservations reservations_vehicle_plate_fkey; Type: FK CONSTRAINT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.reservations
    ADD CONSTRAINT reservations_vehicle_plate_fkey FOREIGN KEY (vehicle_plate) REFERENCES public.vehicles(plate);


--
-- TOC entry 3236 (class 2606 OID 16436)
-- Name: vehicles vehicles_home_location_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: rentwise
--

ALTER TABLE ONLY public.vehicles
    ADD CONSTRAINT vehicles_home_location_code_fkey FOREIGN KEY (home_location_code) REFERENCES public.locations(code);


-- Completed on @@COMPLETED@@

--
-- PostgreSQL database dump complete
--

\unrestrict @@RESTRICT_KEY@@

