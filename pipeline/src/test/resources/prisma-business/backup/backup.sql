--
-- PostgreSQL database dump
--

\restrict Then0009f0irBzSXWvLuOGifv3QGlp2Qn6BiHZvhhjAvYBP0KfOb9QgP1jTijBw

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

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

--
-- Name: BookingStatus; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public."BookingStatus" AS ENUM (
    'PENDING',
    'CONFIRMED',
    'CANCELLED'
);


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: Booking; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Booking" (
    id text NOT NULL,
    "studentId" text NOT NULL,
    "startsAt" timestamp(3) without time zone NOT NULL,
    status public."BookingStatus" DEFAULT 'PENDING'::public."BookingStatus" NOT NULL,
    metadata jsonb,
    "paidAt" timestamp(3) with time zone,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone NOT NULL
);


--
-- Name: _prisma_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public._prisma_migrations (
    id character varying(36) NOT NULL,
    checksum character varying(64) NOT NULL,
    finished_at timestamp with time zone,
    migration_name character varying(255) NOT NULL,
    logs text,
    rolled_back_at timestamp with time zone,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    applied_steps_count integer DEFAULT 0 NOT NULL
);


--
-- Data for Name: Booking; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public."Booking" (id, "studentId", "startsAt", status, metadata, "paidAt", "createdAt", "updatedAt") FROM stdin;
clfixturebooking000000001	clfixturestudent000000001	2026-05-09 15:30:00	CONFIRMED	{"room": "A2", "slots": ["Mon", "Thu"], "teacher": {"name": "Marta"}}	2026-04-29 16:04:30.5+00	2026-04-29 16:05:05.556	2026-04-29 16:05:05.556
clfixturebooking000000002	clfixturestudent000000002	2026-01-15 08:00:00	CANCELLED	\N	\N	2026-01-02 09:00:00	2026-01-03 12:30:00.25
\.


--
-- Data for Name: _prisma_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public._prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) FROM stdin;
5b0c1a2e-0000-4000-8000-000000000001	f00d	2026-01-02 10:00:01+00	20260102100000_init	\N	\N	2026-01-02 10:00:00+00	1
\.


--
-- Name: Booking Booking_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Booking"
    ADD CONSTRAINT "Booking_pkey" PRIMARY KEY (id);


--
-- Name: _prisma_migrations _prisma_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public._prisma_migrations
    ADD CONSTRAINT _prisma_migrations_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

\unrestrict Then0009f0irBzSXWvLuOGifv3QGlp2Qn6BiHZvhhjAvYBP0KfOb9QgP1jTijBw

