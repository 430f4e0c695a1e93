--
-- PostgreSQL database dump
--

\restrict AbCdEf123

-- Dumped from database version 16.4
-- Dumped by pg_dump version 16.4

-- Started on 2026-05-01 03:00:00 UTC

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);

CREATE FUNCTION public.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  -- INSERT INTO public.customers VALUES (999, 'not a row');
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

CREATE TABLE public.customers (
    id integer NOT NULL,
    email text NOT NULL,
    full_name text,
    phone text,
    stripe_customer_id text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT customers_email_check CHECK ((email ~~ '%@%'::text))
);

CREATE TABLE public.locations (
    code text NOT NULL,
    name text
);

CREATE TABLE billing."Payments" (
    "Id" bigint,
    note text
);

COPY public.customers (id, email, full_name, phone, stripe_customer_id, created_at) FROM stdin;
1	ana@example.com	Ana Silva	+351912345678	cus_1	2026-01-10 10:00:00+00
2	b@example.com	Tab\there\\back\nnew\rret\bbs\fff\vvt\q	\N	\N	2026-01-11 10:00:00+00
3	c@example.com	Jos\303\251 \x41\x4 \\N	\N	cus_3	2026-01-12 10:00:00+00
4	short@example.com	too few
\.

COPY public.locations (code, name) FROM stdin;
LIS	Lisboa
\.

INSERT INTO public.locations VALUES ('OPO', 'Porto');
INSERT INTO public.locations (code, name) VALUES ('FAO', 'Faro ''Sul'''), ('BRG', NULL);
INSERT INTO public.locations VALUES
	('AVR', E'Aveiro\nline2 \x41 \u00e9 it''s'),
	('CBR', 'Coimbra;
multi-line');
INSERT INTO billing."Payments" ("Id", note) OVERRIDING SYSTEM VALUE VALUES (-5, 'neg'), (7, true);
INSERT INTO public.customers (id, email, full_name, phone, stripe_customer_id, created_at) VALUES (5, 'e@example.com', 'E', NULL, NULL, '2026-01-13 10:00:00+00'::timestamp with time zone);
INSERT INTO public.locations VALUES ('XXX');

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);

--
-- PostgreSQL database dump complete
--

\unrestrict AbCdEf123

