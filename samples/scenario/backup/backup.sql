--
-- PostgreSQL database dump
--

\restrict IDzuTHeRvkS0hV2ZzXtnDQDf2KF1JlSjrJKU1EKPpBcw0TtzS1XEvl1S5peJIN9

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

-- Started on 2026-03-02 03:00:00 UTC

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
1	sofia.rodrigues39@sapo.example	Sofia Rodrigues Lopes	+351931733318	pt	cus_VFydEV9CP2xIKy	2024-12-11 05:51:21+00	2024-12-11 06:13:14+00
2	antonio.magalhaes@sapo.example	António Magalhães Araújo	+351918242171	pt	cus_VsQ1S5olcTLE3y	2024-12-17 08:28:05+00	2024-12-17 09:22:20+00
3	chloe_dubois81@laposte.example	Chloé Dubois	+33753245763	en	cus_vrgOULz48v2QQT	2024-12-20 23:34:17+00	2024-12-21 00:29:48+00
4	elena_jimenez74@yahoo.example	Elena Jiménez Sánchez	+34745649429	es	cus_hdgD2r0clVsvFY	2024-12-21 13:14:58+00	2024-12-21 13:39:00+00
5	zoe.faure@orange.example	Zoé Faure	+33653926004	en	cus_EaYtDKuimNNWu4	2024-12-25 01:19:45+00	2024-12-25 01:30:46+00
6	zoe.girard2@free.example	Zoé Girard	+33751638793	en	cus_Dy54eSdfUX8ORH	2024-12-28 05:24:39+00	2024-12-28 05:56:43+00
7	margarida.silva@hotmail.example	Margarida Silva	+351935958022	pt	cus_W5kx27os8xpVrX	2025-01-08 02:13:57+00	2025-01-08 03:03:33+00
8	rui.lopes@outlook.example	Rui Lopes Rodrigues	+351936034539	pt	cus_ip8C0U5VbNlamJ	2025-01-09 12:21:55+00	2025-01-09 13:17:32+00
9	sanne_bakker78@ziggo.example	Sanne Bakker	+31610813213	en	cus_bkrijmN6H2t4jT	2025-01-14 11:25:32+00	2025-01-14 12:01:22+00
10	jorg.schroder66@gmx.example	Jörg Schröder	+4917638598299	en	cus_Lgx65I6A8Jy7aK	2025-01-15 03:29:02+00	2026-01-24 18:58:37+00
11	zoerousseau@laposte.example	Zoé Rousseau	+33624256543	en	cus_JjNiJ9Jz3CLVie	2025-02-02 13:39:58+00	2025-02-02 13:46:23+00
12	chloe_davies89@btinternet.example	Chloë Davies	+447520045774	en	cus_JF5E5F787bbgRO	2025-02-09 10:27:55+00	2025-02-09 10:36:04+00
13	jurgen_schafer69@gmx.example	Jürgen Schäfer	+4915231281838	en	cus_p1WAGUBGvbTguF	2025-02-12 22:55:22+00	2026-02-06 22:55:08+00
14	gaelle_moreau93@laposte.example	Gaëlle Moreau	+33614338627	en	\N	2025-02-21 23:22:05+00	2025-02-21 23:22:05+00
15	l.bianchi@virgilio.example	Lorenzo Bianchi	+393209079490	en	cus_8qjTHmvst8R47K	2025-02-24 03:19:39+00	2025-02-24 03:41:46+00
16	lena.schroder78@gmx.example	Lena Schröder	+4915772564446	en	cus_1RaUw5eKiYbyQr	2025-03-09 11:55:06+00	2025-03-09 12:04:45+00
17	luciafernandez@gmail.example	Lucía Fernández García	+34725689639	es	cus_OsuPyJFzT5sx2g	2025-03-10 04:21:39+00	2026-02-18 17:44:11+00
18	l.fernandez@hotmail.example	Lucía Fernández Ruiz	+34733710735	es	cus_xbwxdNCloMegnc	2025-03-19 07:22:49+00	2025-03-19 07:57:47+00
19	andresruiz@hotmail.example	Andrés Ruiz Sánchez	+34726536134	es	cus_uhP01HMVyGJiZO	2025-03-21 08:02:16+00	2025-12-22 05:45:20+00
20	conceicaogoncalves@gmail.example	Conceição Gonçalves Lopes	+351966470328	pt	cus_AbwiIw6YWvOpZ3	2025-03-22 22:01:55+00	2025-03-22 22:20:28+00
21	amelia.jones@btinternet.example	Amelia Jones	+447520179715	en	cus_PsiW4I37uNEq6q	2025-03-23 13:17:27+00	2025-12-24 07:00:40+00
22	inigo_perez76@telefonica.example	Íñigo Pérez Ruiz	+34721922813	es	cus_hDvWYleHsXUvDG	2025-03-23 23:20:41+00	2025-03-23 23:38:39+00
23	l.rodrigues@gmail.example	Luís Rodrigues Araújo	+351928683753	pt	cus_r95CrSypGcEaUk	2025-04-01 21:13:58+00	2025-04-01 21:16:48+00
24	lea_lemaitre91@gmail.example	Léa Lemaître	+33628097804	en	cus_zLkNsGeHZrVLcX	2025-04-03 04:15:50+00	2026-02-07 09:50:02+00
25	zoeobrien@outlook.example	Zoë O'Brien	+447411243528	en	cus_S6hr4se0IUMm9q	2025-04-10 17:43:11+00	2026-01-20 03:24:57+00
26	l.ferreira@gmail.example	Leonor Ferreira Gomes	+351939122282	pt	cus_BHZr1zoC4fn2Kt	2025-04-12 23:56:17+00	2025-04-13 00:19:13+00
27	francois.moreau23@gmail.example	François Moreau	+33652681449	en	cus_pyOwZb27TliZOn	2025-05-13 16:13:52+00	2025-05-13 16:16:33+00
28	luis_simoes70@outlook.example	Luís Simões	+351928083558	pt	cus_wDfNIBaPJlvcuG	2025-05-16 05:15:49+00	2025-05-16 05:36:32+00
29	lena.kohler1@gmail.example	Lena Köhler	+4917674016390	en	cus_PnlpoFwZAuBtzJ	2025-05-17 14:48:40+00	2025-05-17 14:58:57+00
30	carmen_perez93@yahoo.example	Carmen Pérez Castaño	+34620793961	es	\N	2025-05-24 12:49:49+00	2025-05-24 12:49:49+00
31	soren.hoffmann@gmx.example	Sören Hoffmann	+4915268038329	en	cus_oQVcvpqf48RWAU	2025-05-26 11:01:39+00	2025-05-26 11:12:07+00
32	javier.sanchez@hotmail.example	Javier Sánchez Castaño	+34715733120	es	cus_slLlULQOKARj56	2025-05-26 20:57:58+00	2025-05-26 21:20:31+00
33	margarida.conceicao@sapo.example	Margarida Conceição	+351961486838	pt	cus_oaFn5VUkJ243lU	2025-06-11 00:24:27+00	2025-06-11 01:12:53+00
34	a.sanchez@hotmail.example	Álvaro Sánchez Ruiz	+34736295504	es	\N	2025-06-14 03:36:34+00	2025-06-14 03:36:34+00
35	chloe.brown67@yahoo.example	Chloë Brown	+447411676752	en	cus_pxbSyFw5odXL3Y	2025-07-22 03:52:45+00	2025-07-22 04:42:47+00
36	luis_ferreira86@sapo.example	Luís Ferreira	+351932265979	pt	cus_sJFTrO69zoZtQQ	2025-07-25 22:31:58+00	2025-07-25 23:22:31+00
37	c.beranger@free.example	Chloé Béranger	+33662265329	en	cus_nojjZXgUIjZZXV	2025-08-07 00:36:32+00	2025-12-20 07:21:19+00
38	alvaroibanez@telefonica.example	Álvaro Ibáñez Peña	+34716842964	es	cus_H0BBoQE88FqeSy	2025-08-10 13:30:25+00	2025-08-10 14:09:20+00
39	pilar.ruiz@hotmail.example	Pilar Ruiz Muñoz	+34603979402	es	cus_B5tJA0Sasz0AZQ	2025-08-17 06:52:06+00	2025-08-17 07:44:06+00
40	jose.sanchez13@hotmail.example	José Luis Sánchez	+34744519809	es	cus_QSCzTxBP7mgnmx	2025-08-21 04:46:46+00	2025-08-21 05:08:53+00
41	joao.gomes32@sapo.example	João Gomes	+351922688758	pt	cus_dsP6b3ISw73e03	2025-08-21 16:34:38+00	2025-12-24 04:11:56+00
42	luciaruiz@gmail.example	Lucía Ruiz Fernández	+34722447352	es	cus_ZTu2deT7APVkrc	2025-08-22 20:44:21+00	2025-08-22 21:25:43+00
43	ana.sa@outlook.example	Ana Sá Brandão	+351917862090	pt	\N	2025-08-28 10:48:08+00	2025-08-28 10:48:08+00
44	b.schroder@t-online.example	Björn Schröder	+4915100034899	en	cus_AwFOUD72MuBSCr	2025-09-20 16:40:53+00	2025-09-20 17:29:50+00
45	begona.gomez93@yahoo.example	Begoña Gómez Sánchez	+34740191127	es	\N	2025-09-21 13:12:31+00	2025-09-21 13:12:31+00
46	i.gomez@gmail.example	Íñigo Gómez Castaño	+34711584221	es	cus_awpJafJzs7dkTa	2025-09-22 01:43:33+00	2025-09-22 02:00:19+00
47	jeromelemaitre@laposte.example	Jérôme Lemaître	+33610535483	en	cus_mudImpH009K23U	2025-09-27 14:41:40+00	2025-09-27 15:08:29+00
48	helenerousseau@laposte.example	Hélène Rousseau	+33611156763	en	\N	2025-09-30 14:40:05+00	2025-09-30 14:40:05+00
49	goncalo.conceicao95@hotmail.example	Gonçalo Conceição	+351931363064	pt	cus_0SfYfwLjQesoyu	2025-10-05 19:54:14+00	2025-10-05 20:32:02+00
50	maria_lopez67@telefonica.example	María José López Ibáñez	+34731514656	es	cus_5dQNNtfHk2F6A2	2025-10-12 18:35:32+00	2025-10-12 19:34:34+00
51	liam.obrien@gmail.example	Liam O'Brien	+447411538247	en	cus_vCouR2jdwajnAN	2025-10-14 01:56:20+00	2025-10-14 02:15:06+00
52	jorg.kohler47@gmail.example	Jörg Köhler	+4915734962387	en	\N	2025-10-18 09:11:14+00	2025-10-18 09:11:14+00
53	lucia.gomez29@yahoo.example	Lucía Gómez Ibáñez	+34723565002	es	cus_9EyJCW9q2Oz7U0	2025-10-26 08:31:00+00	2025-10-26 08:57:07+00
54	matteo_rossi63@gmail.example	Matteo Rossi	+393403329185	en	cus_pIkdXkO0QDH9nh	2025-10-31 04:45:39+00	2026-02-10 16:29:03+00
55	c.macdonald@yahoo.example	Chloë MacDonald	+447777270250	en	cus_ikQy24guI4zqM6	2025-10-31 18:42:54+00	2025-10-31 19:01:40+00
56	jerome.girard70@laposte.example	Jérôme Girard	+33661634789	en	cus_pOHE3WKs9oMIdj	2025-11-06 14:54:05+00	2026-01-09 03:31:38+00
57	ines_gomes93@outlook.example	Inês Gomes Magalhães	+351938836066	pt	cus_H5hUkPDaqRuYFN	2025-11-17 02:43:15+00	2025-12-31 06:39:12+00
58	inigo.jimenez21@yahoo.example	Íñigo Jiménez Núñez	+34717847451	es	cus_44bNG92kSNQKRQ	2025-11-28 05:52:26+00	2025-11-28 06:28:58+00
59	marialopez@yahoo.example	María José López	+34748882195	es	cus_lYZoDG0CcdLMWW	2025-11-30 18:05:42+00	2025-11-30 18:56:09+00
60	sofia.araujo40@gmail.example	Sofia Araújo Silva	+351920557506	pt	\N	2025-11-30 22:03:09+00	2025-11-30 22:03:09+00
61	leonor_simoes85@sapo.example	Leonor Simões Conceição	+351969112849	pt	cus_mHjEBW2uxqgSBU	2025-12-02 04:09:22+00	2025-12-02 04:34:17+00
62	jose_garcia77@gmail.example	José Luis García	+34724931601	es	cus_HQ7I9Qvfoulqop	2025-12-02 06:07:01+00	2025-12-02 06:22:38+00
63	pilar.sanchez81@telefonica.example	Pilar Sánchez	+34740179524	es	cus_EE9NHmbrU8nqvv	2025-12-03 02:05:34+00	2025-12-03 02:17:51+00
64	ana.ferreira11@sapo.example	Ana Ferreira	+351930493218	pt	cus_dVF2WwGaZ268h7	2025-12-03 09:43:57+00	2025-12-03 10:13:14+00
65	raul_pena79@yahoo.example	Raúl Peña Martínez	+34638611085	es	cus_tmqkKKf9GotSpA	2025-12-04 11:55:05+00	2025-12-04 11:58:43+00
66	felix.weiss@web.example	Felix Weiß	+4915271199096	en	cus_ZxXmcgiDnDMpx6	2025-12-04 23:58:56+00	2025-12-05 00:05:22+00
67	liam.williams@btinternet.example	Liam Williams	+447400776844	en	cus_HHTSwbiDBIjMv5	2025-12-06 07:58:57+00	2025-12-06 08:03:58+00
68	j.lopes@hotmail.example	Joana Lopes Santos	+351931359542	pt	cus_dk2Yd86rTNTRhQ	2025-12-06 20:30:07+00	2025-12-06 20:43:12+00
69	noel_dubois75@free.example	Noël Dubois	+33671961646	en	cus_e6llDvwNKOPbwp	2025-12-07 16:59:07+00	2025-12-07 17:27:53+00
70	b.nunez@telefonica.example	Begoña Núñez Martínez	+34720157409	es	cus_3C1xrRfKkhwjmp	2025-12-10 05:39:22+00	2025-12-10 05:58:13+00
71	a.jimenez@telefonica.example	Álvaro Jiménez Núñez	+34723744781	es	cus_bdOtsWGmGyHdV9	2025-12-10 07:01:37+00	2025-12-10 07:19:09+00
72	emilyoconnor@yahoo.example	Emily O'Connor	+447400570245	en	\N	2025-12-10 21:11:41+00	2025-12-10 21:11:41+00
73	andres_garcia70@hotmail.example	Andrés García Peña	+34721512727	es	cus_zpwt2caRBJAhXZ	2025-12-10 23:14:57+00	2026-02-12 02:22:40+00
74	siobhan_williams64@btinternet.example	Siobhán Williams	+447777575125	en	\N	2025-12-11 06:59:48+00	2025-12-11 06:59:48+00
75	b.ruiz@yahoo.example	Begoña Ruiz Gómez	+34736154706	es	cus_NSb2y4dV9BC5f2	2025-12-11 23:00:12+00	2025-12-11 23:10:46+00
76	c.lopes@hotmail.example	Catarina Lopes	+351929257403	pt	cus_4m2nKFSbsWEBOK	2025-12-12 13:38:26+00	2025-12-12 14:01:41+00
77	n.perez@gmail.example	Nuria Pérez	+34743185587	es	cus_yGe5t0ZipdQtMo	2025-12-13 14:00:49+00	2025-12-13 14:05:39+00
78	sanne.visser34@gmail.example	Sanne Visser	+31647431898	en	cus_dOAbnIpUh9ZU7u	2025-12-16 06:41:51+00	2025-12-16 06:48:39+00
79	lukas_schroder94@gmx.example	Lukas Schröder	+4915230546252	en	cus_bT8eC3eDbelyFC	2025-12-16 07:23:07+00	2025-12-22 05:41:13+00
80	javier_perez70@gmail.example	Javier Pérez	+34720823498	es	cus_K1sv34104eEi5L	2025-12-16 13:05:39+00	2025-12-16 13:34:50+00
81	begona.sanchez@gmail.example	Begoña Sánchez Ibáñez	+34713270946	es	cus_JRZVyq5C0Pse62	2025-12-16 18:00:42+00	2025-12-16 18:22:14+00
82	ana_fonseca97@outlook.example	Ana Fonseca	+351938136633	pt	cus_o4Pmjcxu8rLl7F	2025-12-19 05:31:00+00	2025-12-19 05:44:23+00
83	tiago.brandao@hotmail.example	Tiago Brandão Magalhães	+351917285851	pt	cus_sdg3NTX0gSfMni	2025-12-21 00:20:05+00	2025-12-21 00:45:58+00
84	tiagosimoes@sapo.example	Tiago Simões Santos	+351927580691	pt	cus_wtqMD5HH7eUmbO	2025-12-21 01:07:23+00	2025-12-21 01:28:29+00
85	elenaperez@telefonica.example	Elena Pérez	+34749623054	es	cus_PTdHZVbGkwv5Kc	2025-12-21 21:14:00+00	2025-12-21 21:30:30+00
86	felix.hoffmann13@gmx.example	Felix Hoffmann	+4915246953731	en	cus_F9ZO3GVIj6XOGP	2025-12-22 08:39:51+00	2025-12-22 08:57:28+00
87	harry.bronte77@outlook.example	Harry Brontë	+447400208837	en	cus_KG8ty1cl9u55a1	2025-12-22 13:29:05+00	2025-12-22 13:33:53+00
88	mariana_santos81@gmail.example	Mariana Santos	+351913186888	pt	cus_ic6euWOpWAggWb	2025-12-23 13:29:16+00	2025-12-23 13:54:08+00
89	zoe_dubois76@orange.example	Zoé Dubois	+33754566740	en	cus_zkHg8Te49uRZHn	2025-12-23 18:29:45+00	2025-12-23 18:56:25+00
90	anna_muller94@gmail.example	Anna Müller	+4917621907475	en	cus_2eEw7rjo9a0Cuk	2025-12-24 00:19:40+00	2025-12-24 00:30:47+00
91	jose_nunez71@gmail.example	José Luis Núñez	+34711981752	es	cus_3lo5zCdfE2a7UW	2025-12-24 10:05:46+00	2025-12-24 10:25:39+00
92	a.ibanez@gmail.example	Álvaro Ibáñez Castaño	+34725365223	es	\N	2025-12-24 12:05:48+00	2025-12-24 12:05:48+00
93	j.sa@sapo.example	Joana Sá	+351929895790	pt	cus_0WwrUdGs24sjqV	2025-12-25 06:27:26+00	2025-12-25 06:46:19+00
94	antonio.lopes7@outlook.example	António Lopes Brandão	+351917171987	pt	cus_svHHhHOfu3blFw	2025-12-25 11:29:32+00	2025-12-25 11:35:48+00
95	jorg.schafer9@gmx.example	Jörg Schäfer	+4917688340118	en	cus_n7h8XJTEMSN8oR	2025-12-26 00:53:27+00	2025-12-26 01:18:48+00
96	luis.sa36@outlook.example	Luís Sá Santos	+351938573608	pt	cus_pvrH4hqhYGr4zo	2025-12-26 03:36:17+00	2025-12-26 04:01:41+00
97	sofia.lopez@telefonica.example	Sofía López Núñez	+34734652617	es	cus_zTTJaiP2xnvZ0c	2025-12-26 08:01:54+00	2025-12-26 08:21:43+00
98	ana.pereira91@sapo.example	Ana Pereira	+351967096273	pt	cus_KCRbIol0Ba51kb	2025-12-29 13:18:54+00	2025-12-29 13:32:40+00
99	lucia.ibanez28@hotmail.example	Lucía Ibáñez	+34697058792	es	cus_vfYQFqQCKp0DKE	2026-01-01 10:25:26+00	2026-01-01 10:49:49+00
100	lottebakker@kpnmail.example	Lotte Bakker	+31625787107	en	cus_Eqfik9fzOtkwfA	2026-01-02 04:04:33+00	2026-01-02 04:16:06+00
101	giulia.romano@gmail.example	Giulia Romano	+393474559807	en	cus_L43wcPUux6Q4xR	2026-01-02 11:27:41+00	2026-01-02 11:51:57+00
102	thomasbronte@btinternet.example	Thomas Brontë	+447411514202	en	cus_6TD4Gg2sqalTMu	2026-01-06 09:23:55+00	2026-01-06 09:35:26+00
103	andres.ibanez@gmail.example	Andrés Ibáñez Martínez	+34676113867	es	cus_jNq3yddWe8ptX6	2026-01-07 01:20:17+00	2026-01-07 01:37:42+00
104	anna.muller29@web.example	Anna Müller	+4917687372457	en	cus_xoZlV1nCJEqTsN	2026-01-07 09:46:25+00	2026-01-07 10:09:13+00
105	pilar_ruiz98@gmail.example	Pilar Ruiz	+34724465639	es	cus_AWwd6Y9DE85uI1	2026-01-09 05:23:04+00	2026-01-10 11:57:47+00
106	leonor.rodrigues@hotmail.example	Leonor Rodrigues Pereira	+351939637153	pt	cus_DqNDoyjUIo1yGv	2026-01-09 07:07:20+00	2026-01-09 07:24:52+00
107	leonor_lopes72@sapo.example	Leonor Lopes Brandão	+351965055554	pt	cus_xmQSbuRqh7ebBY	2026-01-09 21:21:23+00	2026-01-09 21:42:31+00
108	ameliabronte@btinternet.example	Amelia Brontë	+447411186607	en	cus_yNkwzehvpZyCYR	2026-01-09 23:27:13+00	2026-01-09 23:51:53+00
109	goncalofonseca@outlook.example	Gonçalo Fonseca Santos	+351927880411	pt	cus_bh29vPjxSAixzX	2026-01-09 23:58:57+00	2026-01-10 00:11:07+00
110	niamhmacdonald@gmail.example	Niamh MacDonald	+447777581628	en	cus_T73o0sofXhM7iy	2026-01-10 14:57:14+00	2026-01-10 15:23:46+00
111	l.gross@gmx.example	Lena Groß	+4917672220586	en	cus_3iLty0sFdQI21k	2026-01-10 18:20:46+00	2026-01-10 18:50:07+00
112	pilar_jimenez63@telefonica.example	Pilar Jiménez	+34745469755	es	\N	2026-01-11 01:43:33+00	2026-01-11 01:43:33+00
113	francescaesposito@gmail.example	Francesca Esposito	+393472883414	en	cus_JGCeQrqpPEtBqF	2026-01-11 15:52:43+00	2026-01-11 15:58:07+00
114	emily.evans@outlook.example	Emily Evans	+447777032032	en	cus_Yp4m7qimNqn2Tk	2026-01-11 17:33:40+00	2026-01-11 17:52:36+00
115	k.gross@web.example	Käthe Groß	+4915169522757	en	cus_k9H42FPzP9vVqF	2026-01-11 17:34:43+00	2026-01-11 17:59:03+00
116	sofia_magalhaes88@gmail.example	Sofia Magalhães Sá	+351912128791	pt	cus_HpQ3MCa7wMrPSq	2026-01-12 07:23:54+00	2026-01-12 07:31:05+00
117	sergio_fernandez93@telefonica.example	Sergio Fernández Castaño	+34713712643	es	\N	2026-01-13 09:42:18+00	2026-01-13 09:42:18+00
118	felixschafer@gmx.example	Felix Schäfer	+4915792487385	en	cus_z5XHlj0Qb7QdwX	2026-01-14 09:21:41+00	2026-01-14 09:43:27+00
119	zoe.brown47@btinternet.example	Zoë Brown	+447400020262	en	cus_5rf2Jv3TxX5dJf	2026-01-15 10:52:33+00	2026-01-15 11:14:33+00
120	helene.moreau@gmail.example	Hélène Moreau	+33662532645	en	cus_IfmHlDrnULavgY	2026-01-15 14:14:45+00	2026-02-07 09:02:19+00
121	mariana.simoes@sapo.example	Mariana Simões Ferreira	+351937286890	pt	cus_qDFOar6aS33FPI	2026-01-16 05:32:24+00	2026-01-16 05:35:53+00
122	nuria.ruiz8@yahoo.example	Nuria Ruiz Núñez	+34710913531	es	cus_lC9E1dAGbTsBlP	2026-01-17 01:25:28+00	2026-02-25 04:07:06+00
123	m.esposito@libero.example	Matteo Esposito	+393473467804	en	\N	2026-01-18 01:31:11+00	2026-01-18 01:31:11+00
124	zoe.lefevre19@free.example	Zoé Lefèvre	+33662901595	en	cus_m4UmkGn310pgct	2026-01-18 20:24:00+00	2026-01-18 20:33:52+00
125	andres.munoz39@hotmail.example	Andrés Muñoz Jiménez	+34734120100	es	cus_5EQn82c8cFNjMH	2026-01-21 23:16:16+00	2026-01-21 23:26:50+00
126	luis.rodrigues@sapo.example	Luís Rodrigues	+351913515831	pt	cus_IwrVG9QB1QaXYP	2026-01-22 16:17:44+00	2026-01-22 16:38:44+00
127	javier.ruiz@yahoo.example	Javier Ruiz Jiménez	+34738240375	es	cus_wBoO5AXkyqTKCk	2026-01-22 22:02:28+00	2026-01-22 22:22:53+00
128	emily.bronte@btinternet.example	Emily Brontë	+447520669093	en	cus_0oXkEEglB3xfaj	2026-01-23 00:22:23+00	2026-01-23 00:36:18+00
129	inigo_pena77@yahoo.example	Íñigo Peña	+34682093836	es	cus_EAdAB0SXavB07Q	2026-01-23 04:12:05+00	2026-01-23 04:39:43+00
130	begonajimenez@yahoo.example	Begoña Jiménez Núñez	+34713715177	es	cus_ilgkgbR2AcNJdN	2026-01-23 21:26:22+00	2026-01-23 21:48:15+00
131	niccolo.ricci38@gmail.example	Niccolò Ricci	+393336530350	en	cus_n8YtG178b92fQ9	2026-01-24 02:12:26+00	2026-01-24 02:15:36+00
132	luciagarcia@hotmail.example	Lucía García	+34742365764	es	cus_zpjDbKqM3ywYlR	2026-01-24 06:15:55+00	2026-01-24 06:24:39+00
133	joost.vandijk@gmail.example	Joost van Dijk	+31630640022	en	cus_6iPmGbJIQL9mk5	2026-01-24 21:56:17+00	2026-01-24 22:07:59+00
134	benoitmoreau@orange.example	Benoît Moreau	+33657536250	en	cus_zaQ7aGV4p0sh4u	2026-01-26 10:31:48+00	2026-01-26 10:37:55+00
135	b.perez@telefonica.example	Begoña Pérez	+34733890141	es	cus_KnyKmPLwYz7IYd	2026-01-26 14:15:24+00	2026-01-26 14:26:25+00
136	carmen_pena86@yahoo.example	Carmen Peña	+34727679195	es	cus_uO9HVrw66IJC5d	2026-01-28 21:31:22+00	2026-01-28 21:56:17+00
137	harryoconnor@btinternet.example	Harry O'Connor	+447411973822	en	\N	2026-01-28 21:44:54+00	2026-01-28 21:44:54+00
138	beatriz.magalhaes14@sapo.example	Beatriz Magalhães Brandão	+351929247449	pt	cus_N8uGnI0LEuuFUD	2026-01-29 21:46:21+00	2026-01-29 21:49:28+00
139	ines_silva79@hotmail.example	Inês Silva Araújo	+351911732267	pt	\N	2026-01-30 14:20:18+00	2026-01-30 14:20:18+00
140	zoe.faure49@free.example	Zoé Faure	+33664855815	en	cus_SdWzrpTmVGNQA5	2026-02-02 00:10:01+00	2026-02-02 00:21:33+00
141	raulmunoz@yahoo.example	Raúl Muñoz	+34696180542	es	\N	2026-02-02 11:36:41+00	2026-02-02 11:36:41+00
142	s.jimenez@hotmail.example	Sergio Jiménez Ruiz	+34749664308	es	cus_wwCuP0wWV4UUYE	2026-02-02 22:02:17+00	2026-02-02 22:14:03+00
143	sofialopez@hotmail.example	Sofía López	+34633619660	es	cus_yYLMkOuygQwTHS	2026-02-03 10:04:04+00	2026-02-03 10:20:42+00
144	a.lopez@gmail.example	Andrés López	+34742610304	es	cus_njMyLK1Aezx6Ou	2026-02-03 16:29:53+00	2026-02-03 16:46:14+00
145	ameliaevans@btinternet.example	Amelia Evans	+447411687319	en	cus_86VR2CDbyU1B4Q	2026-02-04 16:10:55+00	2026-02-04 16:35:49+00
146	amelia.jones@outlook.example	Amelia Jones	+447520442131	en	cus_rKP3xnLwQknvLa	2026-02-05 02:42:22+00	2026-02-05 03:00:44+00
147	s.garcia@yahoo.example	Sergio García Peña	+34723458902	es	cus_cf0oEFDAt3ooku	2026-02-06 04:13:01+00	2026-02-06 04:42:31+00
148	joana.conceicao@hotmail.example	Joana Conceição Ferreira	+351968982606	pt	cus_7YLmFYrOfelB4C	2026-02-06 04:44:55+00	2026-02-06 05:11:49+00
149	benoit.faure38@free.example	Benoît Faure	+33752419373	en	cus_T4VhKKvbtuPQvW	2026-02-06 21:46:58+00	2026-02-06 21:59:31+00
150	sofia_sanchez62@yahoo.example	Sofía Sánchez Ruiz	+34641806788	es	cus_Uz91eQTGh8h3kB	2026-02-07 06:26:30+00	2026-02-16 01:34:14+00
151	elena.fernandez@telefonica.example	Elena Fernández	+34738087673	es	cus_faKAlXxQRUVibT	2026-02-07 11:30:27+00	2026-02-07 11:37:20+00
152	siobhan.brown98@yahoo.example	Siobhán Brown	+447520466184	en	cus_nAyzuOZUqGVuuW	2026-02-07 20:07:46+00	2026-02-07 20:26:54+00
153	zoejones@outlook.example	Zoë Jones	+447400073450	en	\N	2026-02-09 01:56:47+00	2026-02-09 01:56:47+00
154	c.pereira@hotmail.example	Conceição Pereira Gomes	+351934490928	pt	cus_UETbnQsGYfuHMe	2026-02-09 08:07:05+00	2026-02-09 08:34:49+00
155	sofiapena@gmail.example	Sofía Peña Núñez	+34728476433	es	cus_raYDsAFnzdwWSZ	2026-02-10 08:35:24+00	2026-02-10 09:02:34+00
156	harry.williams@outlook.example	Harry Williams	+447400729489	en	\N	2026-02-10 12:22:42+00	2026-02-10 12:22:42+00
157	leonor_conceicao92@gmail.example	Leonor Conceição Pereira	+351914207939	pt	cus_zu167JDBfIdglx	2026-02-10 14:40:52+00	2026-02-10 14:56:06+00
158	b.weiss@t-online.example	Björn Weiß	+4915202668277	en	\N	2026-02-10 20:10:58+00	2026-02-10 20:10:58+00
159	lucia.gomez21@hotmail.example	Lucía Gómez Muñoz	+34746191826	es	cus_rZ7AaLNylxvyqJ	2026-02-11 22:44:25+00	2026-02-11 23:11:08+00
160	andresgarcia@gmail.example	Andrés García López	+34720694745	es	cus_iwO8rtRuUjoPSm	2026-02-13 03:59:27+00	2026-02-13 04:26:46+00
161	j.visser@ziggo.example	Joost Visser	+31659914298	en	cus_4bwt6kV0jTrroK	2026-02-13 13:15:04+00	2026-02-13 13:21:33+00
162	jackmacdonald@outlook.example	Jack MacDonald	+447411373685	en	cus_e7hM5XXPjYjx0R	2026-02-13 21:02:20+00	2026-02-13 21:16:55+00
163	m.santos@outlook.example	Mariana Santos	+351966413472	pt	\N	2026-02-14 15:36:47+00	2026-02-14 15:36:47+00
164	goncalolopes@sapo.example	Gonçalo Lopes Ferreira	+351966457562	pt	cus_tjjQCKSMoa10zF	2026-02-14 17:48:22+00	2026-02-14 17:51:35+00
165	inigo.lopez12@telefonica.example	Íñigo López Fernández	+34719910397	es	cus_7DQ0jc1S7sUvLq	2026-02-15 12:58:56+00	2026-02-15 13:07:29+00
166	lea.lemaitre34@free.example	Léa Lemaître	+33758213723	en	cus_TRm9AKCi0CewPc	2026-02-15 17:12:49+00	2026-02-15 17:19:24+00
167	l.jones@yahoo.example	Liam Jones	+447411423028	en	cus_N2XnzRMRmqXRRH	2026-02-16 14:04:03+00	2026-02-16 14:17:27+00
168	l.weiss@web.example	Lukas Weiß	+4915773555768	en	cus_9daW0950N9tQgy	2026-02-18 11:16:43+00	2026-02-18 11:41:06+00
169	goncalo_brandao93@hotmail.example	Gonçalo Brandão	+351939499572	pt	cus_RNYWwfZ9LMv25J	2026-02-19 00:04:13+00	2026-02-19 00:15:36+00
170	oliver_bronte83@yahoo.example	Oliver Brontë	+447777011803	en	cus_45udTl7o6duYMq	2026-02-19 06:10:10+00	2026-02-19 06:29:57+00
171	c.rodrigues@hotmail.example	Catarina Rodrigues Brandão	+351933158933	pt	cus_6ZkVxuydHLtjgW	2026-02-21 21:37:53+00	2026-02-21 21:56:36+00
172	liam_williams63@gmail.example	Liam Williams	+447400753734	en	cus_SAjxSXnFJ4BSBW	2026-02-23 09:11:49+00	2026-02-23 09:19:44+00
173	diogo.rodrigues@gmail.example	Diogo Rodrigues	+351966084860	pt	\N	2026-02-24 10:48:12+00	2026-02-24 10:48:12+00
174	andres.jimenez60@telefonica.example	Andrés Jiménez Muñoz	+34745028750	es	cus_ERdqPS4r5gCegU	2026-02-24 17:31:20+00	2026-02-24 17:45:14+00
175	n.esposito@virgilio.example	Niccolò Esposito	+393402937304	en	cus_7nFn8F1xiMpX9U	2026-02-25 07:30:16+00	2026-02-25 07:36:34+00
176	inigo.gomez@gmail.example	Íñigo Gómez	+34719414139	es	cus_Y2Ouxx7wTJZHDw	2026-02-25 09:40:53+00	2026-02-25 09:52:24+00
177	francoismercier@laposte.example	François Mercier	+33618283405	en	cus_tqHpMixnsYNR2B	2026-02-25 11:56:35+00	2026-02-25 12:00:14+00
178	anna_becker95@t-online.example	Anna Becker	+4915105882873	en	cus_GhTj2V578GsczT	2026-02-25 13:46:03+00	2026-02-25 14:07:49+00
179	amelie_lemaitre87@orange.example	Amélie Lemaître	+33758010928	en	cus_xOzr38xKipem6F	2026-02-25 15:09:27+00	2026-02-25 15:27:01+00
180	harry.brown44@yahoo.example	Harry Brown	+447777733992	en	cus_aZPBm5FS67jZG5	2026-02-26 06:21:23+00	2026-02-26 06:26:27+00
181	jorg.hoffmann94@t-online.example	Jörg Hoffmann	+4915126639261	en	cus_nJD8c3gMregTWu	2026-02-27 13:30:25+00	2026-02-27 13:56:09+00
182	maria.ibanez26@telefonica.example	María José Ibáñez Núñez	+34641126843	es	\N	2026-02-28 03:00:53+00	2026-02-28 03:00:53+00
183	joana.silva20@gmail.example	Joana Silva Pereira	+351929697747	pt	cus_pDZ5qmgKjHBgaL	2026-02-28 16:37:27+00	2026-02-28 17:00:43+00
\.


--
-- TOC entry 3383 (class 0 OID 16422)
-- Dependencies: 214
-- Data for Name: locations; Type: TABLE DATA; Schema: public; Owner: rentwise
--

COPY public.locations (code, name, city, country, timezone, calendar_id) FROM stdin;
LIS	Lisbon Airport	Lisboa	PT	Europe/Lisbon	rentwise.lisbon.airport@group.calendar.google.com
OPO	Porto Campanhã	Porto	PT	Europe/Lisbon	rentwise.porto.campanha@group.calendar.google.com
FAO	Faro Airport	Faro	PT	Europe/Lisbon	rentwise.faro.airport@group.calendar.google.com
MAD	Madrid Atocha	Madrid	ES	Europe/Madrid	rentwise.madrid.atocha@group.calendar.google.com
BCN	Barcelona Sants	Barcelona	ES	Europe/Madrid	rentwise.barcelona.sants@group.calendar.google.com
LPA	Las Palmas Airport	Telde	ES	Atlantic/Canary	rentwise.laspalmas.airport@group.calendar.google.com
\.


--
-- TOC entry 3390 (class 0 OID 16483)
-- Dependencies: 221
-- Data for Name: payments; Type: TABLE DATA; Schema: public; Owner: rentwise
--

COPY public.payments (id, reservation_id, kind, stripe_charge_id, stripe_refund_id, amount_cents, currency, status, created_at) FROM stdin;
1	2	charge	ch_3vYaPcdRw1tKc9Zqt0omymKr	\N	28000	EUR	succeeded	2025-12-02 04:34:48+00
2	3	charge	ch_3g5Pr07Rw1tKc9ZqNbUnsBYR	\N	23100	EUR	succeeded	2025-12-02 06:23:23+00
3	4	charge	ch_3Lj3T1HRw1tKc9Zqy9LOb2No	\N	28700	EUR	succeeded	2025-12-02 18:21:40+00
4	5	charge	ch_3IOjFdqRw1tKc9Zqr5pUIUOY	\N	29000	EUR	succeeded	2025-12-03 02:18:32+00
5	6	charge	ch_3ULpAHgRw1tKc9ZqejyRPThL	\N	47100	EUR	succeeded	2025-12-03 10:13:38+00
6	5	refund	ch_3IOjFdqRw1tKc9Zqr5pUIUOY	re_3Su1hhERw1tKc9ZqHlhKuUxO	29000	EUR	succeeded	2025-12-03 13:11:03+00
7	7	charge	ch_3mqRnOKRw1tKc9ZqatjzTbMp	\N	64200	EUR	succeeded	2025-12-04 00:58:09+00
8	8	charge	ch_3fsjZzdRw1tKc9ZqpBZognQw	\N	27900	EUR	succeeded	2025-12-04 11:58:54+00
9	9	charge	ch_3uHr0iaRw1tKc9ZqR71LQ3hR	\N	44500	EUR	succeeded	2025-12-05 00:06:50+00
10	10	charge	ch_3RvTgdJRw1tKc9Zq29JZ07ol	\N	43100	EUR	succeeded	2025-12-05 03:40:38+00
11	10	refund	ch_3RvTgdJRw1tKc9Zq29JZ07ol	re_34Tqi9BRw1tKc9Zq3nwUIL5J	3200	EUR	succeeded	2025-12-05 04:27:18+00
12	11	charge	ch_3aRyBL9Rw1tKc9ZqELoZtH7F	\N	21600	EUR	succeeded	2025-12-05 06:32:59+00
13	12	charge	ch_3ij3q4nRw1tKc9ZqSfHNOtgQ	\N	26700	EUR	succeeded	2025-12-06 08:05:14+00
14	13	charge	ch_3skhyn7Rw1tKc9ZqJ9u6qGge	\N	11000	EUR	succeeded	2025-12-06 19:12:19+00
15	14	charge	ch_3lzPtVTRw1tKc9ZqEM1ejHMV	\N	11100	EUR	succeeded	2025-12-06 20:43:59+00
16	15	charge	ch_3bmCVJrRw1tKc9ZqYDYEwLTH	\N	58500	EUR	succeeded	2025-12-07 08:06:45+00
17	16	charge	ch_3jF9D0wRw1tKc9Zqi3UBoMXx	\N	24700	EUR	succeeded	2025-12-07 17:29:06+00
18	14	refund	ch_3lzPtVTRw1tKc9ZqEM1ejHMV	re_3m37ppMRw1tKc9ZqmXZuNxGs	3200	EUR	succeeded	2025-12-08 23:53:34+00
19	17	charge	ch_395C9TXRw1tKc9ZqTBJqq6xs	\N	19000	EUR	succeeded	2025-12-09 16:58:32+00
20	18	charge	ch_3XWU4DPRw1tKc9ZqAlugRmg1	\N	95000	EUR	succeeded	2025-12-10 05:59:13+00
21	19	charge	ch_33XZTOiRw1tKc9Zq7yRzEVnS	\N	28500	EUR	succeeded	2025-12-10 07:20:28+00
22	20	charge	ch_3KmPzENRw1tKc9ZqWncZ63of	\N	32100	EUR	succeeded	2025-12-10 19:52:51+00
23	23	charge	ch_3SkcZ7jRw1tKc9ZqtDurO6vM	\N	25200	EUR	succeeded	2025-12-11 23:11:18+00
24	24	charge	ch_3sNYWolRw1tKc9ZquEVJeRlF	\N	71200	EUR	succeeded	2025-12-12 14:02:07+00
25	25	charge	ch_3B5F4GnRw1tKc9Zq7KcUbSiS	\N	18300	EUR	succeeded	2025-12-13 14:06:27+00
26	26	charge	ch_3eFTXaKRw1tKc9ZqjKPl5OAP	\N	66500	EUR	succeeded	2025-12-13 16:18:38+00
27	27	charge	ch_3SHmZmVRw1tKc9ZqN1XQQZn7	\N	27100	EUR	succeeded	2025-12-13 17:34:18+00
28	4	refund	ch_3Lj3T1HRw1tKc9Zqy9LOb2No	re_34WAbMqRw1tKc9ZqiDOjfrr6	28700	EUR	succeeded	2025-12-14 07:53:15+00
29	28	charge	ch_3DjR5UfRw1tKc9ZqqEU5yrWu	\N	20700	EUR	succeeded	2025-12-14 17:11:46+00
30	29	charge	ch_3ahdE1ERw1tKc9ZqXpWoVg0o	\N	14700	EUR	succeeded	2025-12-16 06:49:18+00
31	31	charge	ch_3bR71YQRw1tKc9Zqz69ifyhB	\N	21100	EUR	succeeded	2025-12-16 13:35:39+00
32	32	charge	ch_3QXr9CiRw1tKc9Zqb0ghVler	\N	10400	EUR	succeeded	2025-12-16 18:23:15+00
33	33	charge	ch_3j4faWtRw1tKc9Zq2WRCXxXz	\N	27500	EUR	succeeded	2025-12-16 19:12:13+00
34	34	charge	ch_3Q5T4O2Rw1tKc9Zqwi8HHg4j	\N	26000	EUR	succeeded	2025-12-19 05:45:47+00
35	36	charge	ch_32KpioBRw1tKc9ZqBq81NxnQ	\N	50400	EUR	succeeded	2025-12-19 21:48:04+00
36	37	charge	ch_3p53JaLRw1tKc9ZqKyLEwKtr	\N	25200	EUR	succeeded	2025-12-20 07:22:23+00
37	38	charge	ch_37WS9rTRw1tKc9ZqzwEn9Lm1	\N	30000	EUR	succeeded	2025-12-20 15:08:26+00
38	39	charge	ch_3uXFIb7Rw1tKc9Zq0yHmYPC4	\N	24800	EUR	succeeded	2025-12-21 00:46:40+00
39	40	charge	ch_3UTsV8VRw1tKc9Zq8oGOHCnE	\N	9800	EUR	succeeded	2025-12-21 01:29:24+00
40	41	charge	ch_31mkkt2Rw1tKc9ZqTi9g8VSo	\N	21300	EUR	succeeded	2025-12-21 21:31:32+00
41	42	charge	ch_3oCELjYRw1tKc9ZqahKog3p2	\N	4600	EUR	succeeded	2025-12-22 05:42:32+00
42	43	charge	ch_3nOF6RlRw1tKc9ZqgYEfHYCH	\N	2800	EUR	succeeded	2025-12-22 05:46:06+00
43	44	charge	ch_3ZBDLegRw1tKc9ZqZEFbcicw	\N	76000	EUR	succeeded	2025-12-22 08:58:43+00
44	45	charge	ch_3uqA7SGRw1tKc9Zq6lxexZoS	\N	19500	EUR	succeeded	2025-12-22 13:34:58+00
45	46	charge	ch_3fRDdP6Rw1tKc9ZqhZ6eQ0mN	\N	51900	EUR	succeeded	2025-12-23 13:54:31+00
46	47	charge	ch_3uXNuTMRw1tKc9ZqMPAcEE7X	\N	34800	EUR	succeeded	2025-12-23 18:56:50+00
47	48	charge	ch_3d9VT3xRw1tKc9Zq2YQbHyY5	\N	53400	EUR	succeeded	2025-12-24 00:31:57+00
48	49	charge	ch_3p8qmrmRw1tKc9ZqHLFksWMz	\N	24600	EUR	succeeded	2025-12-24 04:13:07+00
49	50	charge	ch_3LgtvHJRw1tKc9Zq7wOaIgYL	\N	4300	EUR	succeeded	2025-12-24 07:01:15+00
50	42	refund	ch_3oCELjYRw1tKc9ZqahKog3p2	re_3rnrqp2Rw1tKc9ZqCs4F9q2l	4600	EUR	succeeded	2025-12-24 07:36:50+00
51	51	charge	ch_3Y6BpQDRw1tKc9ZqABmnFY7c	\N	57000	EUR	succeeded	2025-12-24 10:26:17+00
52	53	charge	ch_3xhYt5rRw1tKc9Zq5o64JOcm	\N	20000	EUR	succeeded	2025-12-24 14:22:51+00
53	54	charge	ch_3ITCz8VRw1tKc9ZqJpPMzIXk	\N	42000	EUR	succeeded	2025-12-25 01:24:37+00
54	55	charge	ch_3CltR3FRw1tKc9ZqarmxtUYg	\N	7000	EUR	succeeded	2025-12-25 06:46:44+00
55	56	charge	ch_3ILjhv7Rw1tKc9Zq02cDP0Nt	\N	11100	EUR	succeeded	2025-12-25 11:36:14+00
56	58	charge	ch_30gWh5kRw1tKc9ZqtQlSxU8g	\N	37500	EUR	succeeded	2025-12-26 01:19:07+00
57	59	charge	ch_3j38CnKRw1tKc9ZqJtCA7PLE	\N	40600	EUR	succeeded	2025-12-26 04:03:07+00
58	60	charge	ch_3swDVEPRw1tKc9ZqcTqQYHHu	\N	14300	EUR	succeeded	2025-12-26 08:23:01+00
59	61	charge	ch_3HA4PQjRw1tKc9Zqw43zRCvZ	\N	37900	EUR	succeeded	2025-12-27 09:44:05+00
60	63	charge	ch_3N0IzW8Rw1tKc9ZqfvcXarj0	\N	67600	EUR	succeeded	2025-12-29 13:34:01+00
61	65	charge	ch_3xHBrPyRw1tKc9Zq8Bxesmtg	\N	47500	EUR	succeeded	2025-12-30 03:04:15+00
62	66	charge	ch_3dgnzDERw1tKc9ZqV1qrGAAH	\N	4700	EUR	succeeded	2025-12-30 19:03:54+00
63	67	charge	ch_3mZtnclRw1tKc9ZqWG7xmy1W	\N	27000	EUR	succeeded	2025-12-31 06:39:25+00
64	68	charge	ch_3k2Z45BRw1tKc9ZqKT2VhVa9	\N	43100	EUR	succeeded	2026-01-01 10:50:14+00
65	69	charge	ch_3WjoF9DRw1tKc9ZqhqxyYwnA	\N	8700	EUR	succeeded	2026-01-01 20:44:46+00
66	70	charge	ch_3pcNjSWRw1tKc9ZqxSEXqrp0	\N	22300	EUR	succeeded	2026-01-02 04:16:27+00
67	71	charge	ch_3UE7eHVRw1tKc9ZqLpK2Nxg6	\N	104500	EUR	succeeded	2026-01-02 11:52:23+00
68	72	charge	ch_3uqgXlgRw1tKc9ZqygHVloUX	\N	2800	EUR	succeeded	2026-01-04 14:41:51+00
69	73	charge	ch_3ihUhiLRw1tKc9ZqyKlANjBE	\N	53900	EUR	succeeded	2026-01-06 09:36:04+00
70	74	charge	ch_3PDhO8BRw1tKc9ZqvdQkWcfn	\N	13900	EUR	succeeded	2026-01-06 09:41:01+00
71	53	refund	ch_3xhYt5rRw1tKc9Zq5o64JOcm	re_3RiRuJdRw1tKc9ZqrtaCuP0e	3700	EUR	succeeded	2026-01-06 19:59:21+00
72	75	charge	ch_3RQipmTRw1tKc9Zq6LmbWHYF	\N	67600	EUR	succeeded	2026-01-07 01:37:54+00
73	76	charge	ch_3QiU6OGRw1tKc9ZqRPNdEHpz	\N	12400	EUR	succeeded	2026-01-07 10:09:52+00
74	77	charge	ch_35GTiiPRw1tKc9Zq7DPoDVRM	\N	17400	EUR	succeeded	2026-01-08 02:40:07+00
75	78	charge	ch_3XOo3cRRw1tKc9ZqAB4sGFIb	\N	11700	EUR	succeeded	2026-01-08 09:19:35+00
76	60	refund	ch_3swDVEPRw1tKc9ZqcTqQYHHu	re_3PXeTxLRw1tKc9Zqx23oJUc0	3200	EUR	succeeded	2026-01-08 15:45:03+00
77	79	charge	ch_3Q4ah2qRw1tKc9ZqyZ61WM7J	\N	22300	EUR	succeeded	2026-01-08 19:05:18+00
78	80	charge	ch_3zTCjEGRw1tKc9Zq1r6u27Xs	\N	11100	EUR	succeeded	2026-01-09 03:32:51+00
79	81	charge	ch_3BOM7HRRw1tKc9Zq4vWZDrQ3	\N	9800	EUR	succeeded	2026-01-09 07:26:10+00
80	82	charge	ch_3mLSFrdRw1tKc9ZqsowbxK9l	\N	18900	EUR	succeeded	2026-01-09 12:17:31+00
81	83	charge	ch_3NnodJ5Rw1tKc9ZqTp6eZGyd	\N	5200	EUR	succeeded	2026-01-09 21:43:45+00
82	84	charge	ch_3pFe5qmRw1tKc9ZqNIAQXDQT	\N	23200	EUR	succeeded	2026-01-09 23:52:21+00
83	85	charge	ch_3YKJ1yBRw1tKc9ZqrZyMw8TF	\N	33500	EUR	succeeded	2026-01-10 00:11:52+00
84	86	charge	ch_3emunXDRw1tKc9Zqb5eaKwYu	\N	33600	EUR	succeeded	2026-01-10 04:20:20+00
85	87	charge	ch_3i9kLAURw1tKc9Zq2KhUsE92	\N	5600	EUR	succeeded	2026-01-10 08:52:41+00
86	88	charge	ch_3gwmNbRRw1tKc9ZqLx4dTLsc	\N	22400	EUR	succeeded	2026-01-10 11:58:42+00
87	89	charge	ch_39pBDV4Rw1tKc9Zqagi5ScEh	\N	83900	EUR	succeeded	2026-01-10 14:29:18+00
88	90	charge	ch_3Vrg0ibRw1tKc9ZqwCsjrru2	\N	49000	EUR	succeeded	2026-01-10 15:24:31+00
89	91	charge	ch_37P95OgRw1tKc9Zq7DjtxBcz	\N	45600	EUR	succeeded	2026-01-10 17:13:09+00
90	92	charge	ch_33FLkHbRw1tKc9ZqzlZElxeF	\N	22300	EUR	succeeded	2026-01-10 18:51:02+00
91	93	charge	ch_3AD7mJyRw1tKc9Zq0oiugNgM	\N	40700	EUR	succeeded	2026-01-10 20:31:49+00
92	95	charge	ch_3YujvYiRw1tKc9ZqIurdL7TO	\N	14000	EUR	succeeded	2026-01-11 15:59:34+00
93	96	charge	ch_3dJCJWVRw1tKc9ZqSS6Ito8y	\N	32700	EUR	succeeded	2026-01-11 17:54:01+00
94	97	charge	ch_3dvdHilRw1tKc9ZqgavODmoy	\N	20000	EUR	succeeded	2026-01-11 18:00:13+00
95	98	charge	ch_366qtN3Rw1tKc9ZqTOhL8Ca6	\N	35100	EUR	succeeded	2026-01-12 07:32:03+00
96	82	refund	ch_3mLSFrdRw1tKc9ZqsowbxK9l	re_3zXHptdRw1tKc9ZqRMv2Yxkk	18900	EUR	succeeded	2026-01-12 18:28:12+00
97	100	charge	ch_3FMmntCRw1tKc9ZqIDiQhD9M	\N	20500	EUR	succeeded	2026-01-14 09:44:25+00
98	101	charge	ch_35vr4ooRw1tKc9ZqGKCBlJ4v	\N	18300	EUR	succeeded	2026-01-15 11:15:05+00
99	102	charge	ch_3378BQtRw1tKc9ZqbOD7FRfk	\N	27400	EUR	succeeded	2026-01-16 03:31:54+00
100	103	charge	ch_3dIwRNXRw1tKc9ZqHItSzC1x	\N	11900	EUR	succeeded	2026-01-16 05:37:08+00
101	95	refund	ch_3YujvYiRw1tKc9ZqIurdL7TO	re_3frERKtRw1tKc9ZqHs4NI9RM	14000	EUR	succeeded	2026-01-16 09:42:12+00
102	104	charge	ch_3z6u05ERw1tKc9ZqwEFijna0	\N	23900	EUR	succeeded	2026-01-17 16:33:41+00
103	85	refund	ch_3YKJ1yBRw1tKc9ZqrZyMw8TF	re_3QAsXqMRw1tKc9ZqzTE40Gud	33500	EUR	succeeded	2026-01-17 17:18:08+00
104	105	charge	ch_31IZIpSRw1tKc9ZqFcozd7Q3	\N	27100	EUR	succeeded	2026-01-18 02:33:31+00
105	106	charge	ch_3l3W9lQRw1tKc9ZqiccI2xhn	\N	28500	EUR	succeeded	2026-01-18 08:26:07+00
106	104	refund	ch_3z6u05ERw1tKc9ZqwEFijna0	re_3gWKwNIRw1tKc9ZqGB9qXTkn	23900	EUR	succeeded	2026-01-18 10:31:40+00
107	107	charge	ch_3f5j2NlRw1tKc9ZqndtFUwK6	\N	21000	EUR	succeeded	2026-01-18 20:34:22+00
108	108	charge	ch_3XJhRCwRw1tKc9Zq3zATZV7A	\N	6400	EUR	succeeded	2026-01-20 03:25:56+00
109	109	charge	ch_3fbuKuWRw1tKc9Zq7DQ1TxOs	\N	12400	EUR	succeeded	2026-01-21 03:37:08+00
110	110	charge	ch_3JE0945Rw1tKc9ZqIvWLwIAI	\N	49000	EUR	succeeded	2026-01-21 12:52:30+00
111	111	charge	ch_3flrj4HRw1tKc9ZqpdgUB0uE	\N	39500	EUR	succeeded	2026-01-21 23:27:38+00
112	112	charge	ch_3bUoAbTRw1tKc9ZqNdqmNsfx	\N	11600	EUR	succeeded	2026-01-22 16:39:14+00
113	113	charge	ch_3Rk7ugsRw1tKc9Zqk5txef0E	\N	13500	EUR	succeeded	2026-01-22 22:23:29+00
114	114	charge	ch_3ee7ZFQRw1tKc9ZqRs0JlqOi	\N	63800	EUR	succeeded	2026-01-22 23:14:18+00
115	115	charge	ch_33cMvS0Rw1tKc9ZqgnWtmtkn	\N	60000	EUR	succeeded	2026-01-23 00:37:29+00
116	116	charge	ch_3b38PhuRw1tKc9ZqK2DmWIal	\N	24600	EUR	succeeded	2026-01-23 04:40:19+00
117	117	charge	ch_3LUJtHPRw1tKc9ZqrZOxGnf0	\N	51500	EUR	succeeded	2026-01-23 08:07:31+00
118	118	charge	ch_3NQ7w3LRw1tKc9ZquSyoTIsi	\N	57200	EUR	succeeded	2026-01-23 21:49:18+00
119	119	charge	ch_3et7D9lRw1tKc9ZqixpPcLC7	\N	3300	EUR	succeeded	2026-01-24 02:16:20+00
120	120	charge	ch_3RkqLhsRw1tKc9ZqNcHCDcrv	\N	9900	EUR	succeeded	2026-01-24 06:24:52+00
121	121	charge	ch_3BjL9B5Rw1tKc9ZqcOn7RNmg	\N	6600	EUR	succeeded	2026-01-24 18:59:21+00
122	122	charge	ch_3TgkU7PRw1tKc9ZqqFP0GGfm	\N	22800	EUR	succeeded	2026-01-24 22:08:54+00
123	123	charge	ch_32KEr4BRw1tKc9Zq4msCm4Vf	\N	22300	EUR	succeeded	2026-01-25 15:27:30+00
124	124	charge	ch_3XZhy07Rw1tKc9ZqRYB0rD2l	\N	26400	EUR	succeeded	2026-01-26 10:38:09+00
125	125	charge	ch_3qDyqZSRw1tKc9Zq9arCBFra	\N	44500	EUR	succeeded	2026-01-26 14:26:47+00
126	127	charge	ch_3le3zasRw1tKc9ZqiRTgvoZU	\N	8900	EUR	succeeded	2026-01-28 21:57:12+00
127	128	charge	ch_3wBWq9wRw1tKc9Zq0ToRn5q5	\N	20600	EUR	succeeded	2026-01-29 21:49:42+00
128	129	charge	ch_3DSERKcRw1tKc9Zq04XQinsl	\N	43100	EUR	succeeded	2026-01-31 12:02:49+00
129	130	charge	ch_38VKAxkRw1tKc9ZqIxHRTBrw	\N	10400	EUR	succeeded	2026-02-01 06:54:03+00
130	131	charge	ch_3nPsb1kRw1tKc9ZqhsUAOxlA	\N	7900	EUR	succeeded	2026-02-02 00:22:41+00
131	132	charge	ch_3oO1AQPRw1tKc9ZqYLuwUAg9	\N	37800	EUR	succeeded	2026-02-02 22:15:14+00
132	133	charge	ch_3TDsdbLRw1tKc9Zqk2jdKQe2	\N	8400	EUR	succeeded	2026-02-03 10:22:01+00
133	131	refund	ch_3nPsb1kRw1tKc9ZqhsUAOxlA	re_378Vfk0Rw1tKc9Zq1ctmnfUz	3200	EUR	succeeded	2026-02-03 16:05:00+00
134	134	charge	ch_3Ztvb33Rw1tKc9ZqWS8MGqPo	\N	7200	EUR	succeeded	2026-02-03 16:47:08+00
135	134	refund	ch_3Ztvb33Rw1tKc9ZqWS8MGqPo	re_32cBRFORw1tKc9Zq55MwN26G	2000	EUR	succeeded	2026-02-04 06:32:39+00
136	134	refund	ch_3Ztvb33Rw1tKc9ZqWS8MGqPo	re_329wzHKRw1tKc9ZqVNt7Cbk2	5200	EUR	succeeded	2026-02-04 07:33:20+00
137	135	charge	ch_3Y8Nr1KRw1tKc9ZqrRxySlal	\N	24300	EUR	succeeded	2026-02-04 09:15:46+00
138	136	charge	ch_3xSoTvaRw1tKc9Zqv7QVcX3w	\N	8900	EUR	succeeded	2026-02-04 16:36:41+00
139	137	charge	ch_37X4TBxRw1tKc9Zqbb2wsLOn	\N	18900	EUR	succeeded	2026-02-05 03:00:57+00
140	138	charge	ch_34rupcIRw1tKc9ZqKHVKH6Ik	\N	7200	EUR	succeeded	2026-02-05 15:29:11+00
141	139	charge	ch_3zhbgQmRw1tKc9ZqdInN2SHZ	\N	4700	EUR	succeeded	2026-02-06 04:42:46+00
142	140	charge	ch_3QBMbZ3Rw1tKc9Zq96mcSeEK	\N	40600	EUR	succeeded	2026-02-06 05:12:07+00
143	141	charge	ch_3eyRGSMRw1tKc9Zqly0ElLya	\N	9900	EUR	succeeded	2026-02-06 21:42:30+00
144	142	charge	ch_3df1tdkRw1tKc9ZqWobsrBnp	\N	16200	EUR	succeeded	2026-02-06 22:00:29+00
145	143	charge	ch_3OwSxtJRw1tKc9ZqUkvDHGT0	\N	4600	EUR	succeeded	2026-02-06 22:55:21+00
146	144	charge	ch_3YPD8gQRw1tKc9ZqQgraUSrd	\N	29400	EUR	succeeded	2026-02-07 09:03:15+00
147	145	charge	ch_3TrYwWJRw1tKc9Zq4eoR17zh	\N	4900	EUR	succeeded	2026-02-07 09:24:18+00
148	146	charge	ch_3YGpRpPRw1tKc9Zqg04hEfWF	\N	9500	EUR	succeeded	2026-02-07 09:50:49+00
149	147	charge	ch_3s8kuDFRw1tKc9ZqR7C2Tfgf	\N	68000	EUR	succeeded	2026-02-07 11:38:02+00
150	148	charge	ch_3e2yor7Rw1tKc9ZqovqFzjGy	\N	36000	EUR	succeeded	2026-02-07 20:27:08+00
151	150	charge	ch_3gPUIRsRw1tKc9ZqnuhBDEH8	\N	31500	EUR	succeeded	2026-02-09 03:20:45+00
152	151	charge	ch_3yLBFG1Rw1tKc9ZqgpGl4Log	\N	58500	EUR	succeeded	2026-02-09 08:36:12+00
153	152	charge	ch_3xaWj7JRw1tKc9Zqu5F9q3jL	\N	50100	EUR	succeeded	2026-02-10 05:23:55+00
154	153	charge	ch_3cWvoc2Rw1tKc9ZqlyZUKyb1	\N	29500	EUR	succeeded	2026-02-10 09:03:38+00
155	154	charge	ch_37tdMFuRw1tKc9ZqVhrn7DF8	\N	39200	EUR	succeeded	2026-02-10 14:57:14+00
156	155	charge	ch_3ldDcMmRw1tKc9ZquD3JwUye	\N	57000	EUR	succeeded	2026-02-10 15:20:00+00
157	156	charge	ch_3wmbhZkRw1tKc9ZqpuXdOWta	\N	5600	EUR	succeeded	2026-02-10 16:29:18+00
158	157	charge	ch_3jFARyWRw1tKc9ZqKCdKP3jB	\N	47900	EUR	succeeded	2026-02-11 04:58:30+00
159	158	charge	ch_3IyhyoDRw1tKc9ZqB22Gmjsi	\N	11100	EUR	succeeded	2026-02-11 23:12:01+00
160	159	charge	ch_34WV1BORw1tKc9Zqp4ftjSzP	\N	6700	EUR	succeeded	2026-02-12 02:23:18+00
161	118	refund	ch_3NQ7w3LRw1tKc9ZquSyoTIsi	re_3WUT1ypRw1tKc9Zq92ZumMSP	57200	EUR	succeeded	2026-02-12 05:44:31+00
162	160	charge	ch_3zy739NRw1tKc9ZqAa6uNOPS	\N	17500	EUR	succeeded	2026-02-12 16:02:55+00
163	161	charge	ch_3TPiBi1Rw1tKc9ZqxXkW3XiI	\N	27000	EUR	succeeded	2026-02-13 04:27:10+00
164	162	charge	ch_3eQweRRRw1tKc9ZqrAOgK5oE	\N	16000	EUR	succeeded	2026-02-13 13:22:52+00
165	163	charge	ch_3zgtfe8Rw1tKc9ZqMlcHKqMe	\N	20500	EUR	succeeded	2026-02-13 21:18:15+00
166	164	charge	ch_3Go4273Rw1tKc9ZqtoiLW9t1	\N	24300	EUR	succeeded	2026-02-14 17:51:49+00
167	165	charge	ch_3cqzisGRw1tKc9Zq7nvXYc6a	\N	5100	EUR	succeeded	2026-02-15 11:11:11+00
168	166	charge	ch_3tAoAT4Rw1tKc9ZqsSbtn2dz	\N	12700	EUR	succeeded	2026-02-15 13:07:57+00
169	147	refund	ch_3s8kuDFRw1tKc9ZqR7C2Tfgf	re_35lfwuBRw1tKc9ZqlFqeJTcO	68000	EUR	succeeded	2026-02-15 14:29:06+00
170	167	charge	ch_3eiIEpQRw1tKc9Zqq9e4C1os	\N	58000	EUR	succeeded	2026-02-15 17:20:08+00
171	168	charge	ch_31lb6NtRw1tKc9Zq31O2jC3a	\N	52000	EUR	succeeded	2026-02-16 01:35:01+00
172	170	charge	ch_3XcMTsPRw1tKc9ZqU2wFEaYO	\N	4700	EUR	succeeded	2026-02-16 14:18:37+00
173	140	refund	ch_3QBMbZ3Rw1tKc9Zq96mcSeEK	re_3FCSpqYRw1tKc9ZqhZGxuako	40600	EUR	succeeded	2026-02-16 14:47:45+00
174	168	refund	ch_31lb6NtRw1tKc9Zq31O2jC3a	re_3Qkh8hZRw1tKc9ZqSdSswzZD	52000	EUR	succeeded	2026-02-18 06:05:12+00
175	171	charge	ch_30BCkInRw1tKc9ZqcowMbHjz	\N	10300	EUR	succeeded	2026-02-18 11:41:54+00
176	172	charge	ch_3Qtsc8BRw1tKc9ZqcFKU80jT	\N	11000	EUR	succeeded	2026-02-18 17:45:15+00
177	173	charge	ch_3raWe8fRw1tKc9Zq0sCahq0E	\N	28500	EUR	succeeded	2026-02-19 00:16:15+00
178	174	charge	ch_3M44Ae2Rw1tKc9ZqU8XdMkor	\N	13100	EUR	succeeded	2026-02-19 04:02:46+00
179	175	charge	ch_37ngtFoRw1tKc9ZqNMHRX2be	\N	10700	EUR	succeeded	2026-02-19 06:31:18+00
180	176	charge	ch_3crIDCvRw1tKc9Zq1lO3PMKs	\N	79200	EUR	succeeded	2026-02-19 15:34:45+00
181	177	charge	ch_3YxWgnxRw1tKc9ZqLo5pS6VB	\N	19600	EUR	succeeded	2026-02-20 11:00:37+00
182	178	charge	ch_35aJ5s2Rw1tKc9ZqiTpjqmMO	\N	10400	EUR	succeeded	2026-02-21 12:17:04+00
183	179	charge	ch_3BlhL4YRw1tKc9Zq8Np4iugh	\N	25600	EUR	succeeded	2026-02-21 21:57:12+00
184	180	charge	ch_34Me4KIRw1tKc9ZqmfVR7NVB	\N	17100	EUR	succeeded	2026-02-22 18:40:19+00
185	181	charge	ch_3ysflGQRw1tKc9Zq4wY5B87r	\N	7100	EUR	succeeded	2026-02-23 09:20:32+00
186	183	charge	ch_3vq9bLtRw1tKc9Zq0shq41YW	\N	11200	EUR	succeeded	2026-02-24 17:46:25+00
187	184	charge	ch_3lLX11ARw1tKc9ZqCFd0Wgj2	\N	69700	EUR	succeeded	2026-02-24 21:28:25+00
188	185	charge	ch_3bCPyK9Rw1tKc9ZqV8ANqzmi	\N	11900	EUR	succeeded	2026-02-25 04:07:43+00
189	186	charge	ch_3Dkk2eKRw1tKc9Zq8bdFMUYJ	\N	29400	EUR	succeeded	2026-02-25 07:37:57+00
190	187	charge	ch_3MCsGYaRw1tKc9ZqO6eq8dXq	\N	4700	EUR	succeeded	2026-02-25 09:52:58+00
191	188	charge	ch_3b81nrHRw1tKc9Zq6NmRI5Ob	\N	5200	EUR	succeeded	2026-02-25 12:01:17+00
192	189	charge	ch_3DxEsFXRw1tKc9ZqOOk1wAI4	\N	49500	EUR	succeeded	2026-02-25 14:08:58+00
193	190	charge	ch_3ygn68uRw1tKc9ZqG7zRziVA	\N	78500	EUR	succeeded	2026-02-25 15:27:32+00
194	191	charge	ch_3kkmNg1Rw1tKc9ZqWQ6dES0Q	\N	30300	EUR	succeeded	2026-02-26 06:27:13+00
195	192	charge	ch_3Rw2ZZRRw1tKc9ZqLuum8pts	\N	17100	EUR	succeeded	2026-02-27 13:56:41+00
196	193	charge	ch_3T8DdjFRw1tKc9ZqghAcNGkD	\N	14000	EUR	succeeded	2026-02-27 15:57:48+00
197	166	refund	ch_3tAoAT4Rw1tKc9ZqsSbtn2dz	re_3WJrawrRw1tKc9ZqvliQQZoN	12700	EUR	succeeded	2026-02-27 19:40:04+00
198	184	refund	ch_3lLX11ARw1tKc9ZqCFd0Wgj2	re_3iusge7Rw1tKc9ZqI67GyUXc	6200	EUR	succeeded	2026-02-27 22:41:13+00
199	194	charge	ch_370fGpURw1tKc9ZqyGBkexVq	\N	39200	EUR	succeeded	2026-02-28 01:46:16+00
200	195	charge	ch_3kJ9zS3Rw1tKc9ZqzFCiQFuz	\N	20700	EUR	succeeded	2026-02-28 08:21:36+00
201	196	charge	ch_3qUdnJeRw1tKc9ZqYbndUiXO	\N	48300	EUR	succeeded	2026-02-28 09:42:58+00
202	197	charge	ch_3MwHKpoRw1tKc9ZqRz7XUHvZ	\N	5500	EUR	succeeded	2026-02-28 17:02:11+00
203	198	charge	ch_3VhQpJ9Rw1tKc9ZqEbi7K1vr	\N	23900	EUR	succeeded	2026-02-28 23:48:14+00
204	199	charge	ch_3a9AIoVRw1tKc9ZqHZkFFx3A	\N	33500	EUR	succeeded	2026-03-01 06:05:44+00
205	200	charge	ch_3MQTCLyRw1tKc9Zq75Fi7Wru	\N	5200	EUR	succeeded	2026-03-01 18:30:52+00
\.


--
-- TOC entry 3388 (class 0 OID 16454)
-- Dependencies: 219
-- Data for Name: reservations; Type: TABLE DATA; Schema: public; Owner: rentwise
--

COPY public.reservations (id, reference, customer_id, vehicle_plate, pickup_location_code, pickup_at, return_at, status, total_cents, currency, stripe_payment_intent_id, calendar_event_id, notes, created_at, updated_at) FROM stdin;
1	RW-HIB0M5	9	GT-56-EX	LIS	2025-12-15 13:30:00+00	2025-12-17 13:00:00+00	confirmed	7900	EUR	\N	\N	\N	2025-12-02 03:50:38+00	2025-12-02 03:50:38+00
2	RW-JPWNIW	61	NH-54-DC	OPO	2025-12-14 09:00:00+00	2025-12-20 11:00:00+00	confirmed	28000	EUR	pi_3vYaPcdRw1tKc9ZqthjI07Fj	i7lp8sfajkmt8n328dfdutl56l	\N	2025-12-02 04:34:16+00	2025-12-02 04:34:16+00
3	RW-TH3173	62	5029 GXL	BCN	2025-12-19 16:30:00+00	2025-12-26 15:30:00+00	confirmed	23100	EUR	pi_3g5Pr07Rw1tKc9ZqN0tMHLSr	73h2fo74v3gnuu4j0idafqsokv	\N	2025-12-02 06:22:37+00	2025-12-02 06:22:37+00
4	RW-GP166Q	4	0411 GMV	LPA	2025-12-31 12:00:00+00	2026-01-08 12:00:00+00	cancelled	28700	EUR	pi_3Lj3T1HRw1tKc9Zqy05xIJoC	\N	\N	2025-12-02 18:20:15+00	2025-12-14 07:52:43+00
5	RW-7QSC94	63	CG-08-UQ	OPO	2025-12-10 09:00:00+00	2025-12-15 08:00:00+00	cancelled	29000	EUR	pi_3IOjFdqRw1tKc9ZqrRpDP0Yn	rnjp01lu6rs235fggo4jt3bggs	\N	2025-12-03 02:17:47+00	2025-12-03 13:10:20+00
6	RW-CV0G0Y	64	MM-43-ZR	LIS	2025-12-06 12:30:00+00	2025-12-15 12:30:00+00	confirmed	52800	EUR	pi_3ULpAHgRw1tKc9ZqelXTXIMd	cjge6ve92m3jasquoh7v6n7hv3	\N	2025-12-03 10:13:10+00	2025-12-03 19:34:26+00
7	RW-S17TZO	46	QB-01-EP	FAO	2026-01-05 19:00:00+00	2026-01-16 19:00:00+00	confirmed	64200	EUR	pi_3mqRnOKRw1tKc9Zqa87TrPY4	41thhsiikql86rm1knqiq4ac1p	\N	2025-12-04 00:57:26+00	2025-12-04 00:57:26+00
8	RW-SWU1QQ	65	HO-79-JF	LIS	2026-01-01 11:30:00+00	2026-01-05 11:30:00+00	confirmed	27900	EUR	pi_3fsjZzdRw1tKc9ZqpoVMpEg8	lr71p5653cutt5n94q2t5tbu1n	\N	2025-12-04 11:58:39+00	2025-12-04 11:58:39+00
9	RW-SDYLCC	66	2857 KWF	BCN	2025-12-24 17:00:00+00	2025-12-29 17:00:00+00	confirmed	44500	EUR	pi_3uHr0iaRw1tKc9ZqRlliQ24A	6os6pkq7kjm2sk9faf0nglc0uq	\N	2025-12-05 00:05:21+00	2025-12-05 00:05:21+00
10	RW-LZNJIA	64	RH-98-BJ	LIS	2025-12-08 14:00:00+00	2025-12-20 13:00:00+00	confirmed	39900	EUR	pi_3RvTgdJRw1tKc9Zq2oisOd55	643cjogoqfj5lumj8ogij6s42u	Child seat (0-4 years)\nBooster for the older one	2025-12-05 03:39:36+00	2025-12-05 04:26:36+00
11	RW-EA9UQA	55	CJ-07-GV	LIS	2025-12-12 14:00:00+00	2025-12-15 14:00:00+00	confirmed	21600	EUR	pi_3aRyBL9Rw1tKc9ZqEcgd96LD	l2dklqpjdo2n1himfl1596si8q	\N	2025-12-05 06:31:39+00	2025-12-05 06:31:39+00
12	RW-HVANMF	67	UQ-05-QU	FAO	2026-01-07 19:00:00+00	2026-01-16 19:00:00+00	confirmed	26700	EUR	pi_3ij3q4nRw1tKc9ZqSWmgdrZG	i31ua3b5pitrrdrinimh8tptr4	\N	2025-12-06 08:03:55+00	2025-12-06 08:03:55+00
13	RW-BSCBTG	3	BE-02-MB	FAO	2026-01-13 13:30:00+00	2026-01-14 13:30:00+00	confirmed	11000	EUR	pi_3skhyn7Rw1tKc9ZqJnPEOIDw	8sqqubuuj930k24k1ne2i4lv8e	\N	2025-12-06 19:11:22+00	2025-12-06 19:11:22+00
14	RW-BP2JCG	68	0267 FKF	LPA	2025-12-20 19:00:00+00	2025-12-22 18:00:00+00	confirmed	7900	EUR	pi_3lzPtVTRw1tKc9ZqEVgnPRfZ	vorakd9kb5rum1ut3lebio4vls	\N	2025-12-06 20:43:09+00	2025-12-08 23:53:09+00
15	RW-UZMMB9	18	JO-01-US	LIS	2025-12-22 08:00:00+00	2025-12-28 08:00:00+00	confirmed	58500	EUR	pi_3bmCVJrRw1tKc9ZqYpTW4gaL	0dtomq3mjsnvk76211d8k8mhpe	\N	2025-12-07 08:06:18+00	2025-12-07 08:06:18+00
16	RW-DPVTS6	69	TD-59-DL	LIS	2026-01-11 17:00:00+00	2026-01-15 17:00:00+00	confirmed	24700	EUR	pi_3jF9D0wRw1tKc9ZqieiWLBYf	82chbqe0gte2rdgm5k41p72deh	\N	2025-12-07 17:27:50+00	2025-12-07 17:27:50+00
17	RW-VYCE99	44	AG-09-RR	OPO	2025-12-24 11:00:00+00	2025-12-26 11:00:00+00	confirmed	19000	EUR	pi_395C9TXRw1tKc9ZqTAubAXxH	5tgv78i6kq847ap591hrt7834d	\N	2025-12-09 16:58:06+00	2025-12-09 16:58:06+00
18	RW-ZERRZ1	70	AG-09-RR	OPO	2026-02-05 13:30:00+00	2026-02-15 13:00:00+00	confirmed	95000	EUR	pi_3XWU4DPRw1tKc9ZqAGNf1ahA	smhqgtn9pv4rg9eb3e4tjj5147	\N	2025-12-10 05:58:11+00	2025-12-10 05:58:11+00
19	RW-0MUTFH	71	1567 BSZ	MAD	2025-12-15 12:30:00+00	2025-12-18 12:30:00+00	confirmed	28500	EUR	pi_33XZTOiRw1tKc9Zq7wYRcq7N	lppm2oe96gv3e0a0ekr3gnbo04	\N	2025-12-10 07:19:06+00	2025-12-10 07:19:06+00
20	RW-XM7S2K	6	5757 WYB	BCN	2025-12-15 10:00:00+00	2025-12-18 09:30:00+00	confirmed	32100	EUR	pi_3KmPzENRw1tKc9ZqWY0L6ZAt	\N	\N	2025-12-10 19:51:56+00	2025-12-11 04:34:04+00
21	RW-8KXUUK	72	8914 YVK	MAD	2025-12-26 10:30:00+00	2025-12-28 10:30:00+00	confirmed	5600	EUR	\N	uthomp4rbkdlsep1s5aphbg8eb	\N	2025-12-10 21:33:12+00	2025-12-10 21:33:12+00
22	RW-UJO5ZS	73	RH-98-BJ	LIS	2025-12-29 09:30:00+00	2026-01-05 09:00:00+00	confirmed	23900	EUR	\N	m6dsbdq7v2fkc49vpbr9kcuno2	\N	2025-12-10 23:26:20+00	2025-12-10 23:26:20+00
23	RW-NEPCOH	75	NH-54-DC	OPO	2026-01-16 18:00:00+00	2026-01-25 18:00:00+00	confirmed	25200	EUR	pi_3SkcZ7jRw1tKc9ZqtqLpsvOc	lcpo96oohen25a7vvsss5fdiab	\N	2025-12-11 23:10:42+00	2025-12-11 23:10:42+00
24	RW-0RJPR8	76	2857 KWF	BCN	2025-12-15 11:00:00+00	2025-12-22 13:00:00+00	confirmed	71200	EUR	pi_3sNYWolRw1tKc9Zqu2nNX4TM	qsr83prn78pktlv4vgb7ipfqad	\N	2025-12-12 14:01:40+00	2025-12-12 14:01:40+00
25	RW-7DRCUE	77	4855 PBM	LPA	2025-12-15 18:00:00+00	2025-12-20 20:00:00+00	confirmed	18300	EUR	pi_3B5F4GnRw1tKc9Zq7OSLGlPC	v4s571gavql6u6t2rulk4a2ph2	\N	2025-12-13 14:05:35+00	2025-12-13 14:05:35+00
26	RW-YS6RJM	39	5757 WYB	BCN	2026-01-14 13:00:00+00	2026-01-20 15:00:00+00	confirmed	66500	EUR	pi_3eFTXaKRw1tKc9ZqjJBKT1wa	8om609k7n73i1qg0p9gbg10mc7	\N	2025-12-13 16:17:31+00	2025-12-13 16:17:31+00
27	RW-U49PKL	1	EH-93-VZ	FAO	2026-01-23 09:30:00+00	2026-01-31 08:30:00+00	confirmed	27100	EUR	pi_3SHmZmVRw1tKc9ZqNXU6ioH6	i1a5bgqcd9rf5js2oro1tg7lg6	\N	2025-12-13 17:33:51+00	2025-12-13 17:33:51+00
28	RW-A9R4XF	18	EH-93-VZ	FAO	2026-01-01 12:00:00+00	2026-01-07 11:00:00+00	confirmed	20700	EUR	pi_3DjR5UfRw1tKc9ZqqjmHUZId	o8ms4388f657tam06a4gf0l57t	\N	2025-12-14 17:10:56+00	2025-12-14 17:10:56+00
29	RW-MMD1DD	78	3139 CJP	BCN	2026-01-22 10:00:00+00	2026-01-25 10:00:00+00	confirmed	14700	EUR	pi_3ahdE1ERw1tKc9ZqX7WtrKnQ	dsrp7l58qf3chis4dcd2id5mfd	\N	2025-12-16 06:48:36+00	2025-12-16 06:48:36+00
30	RW-ATYIZO	79	XF-48-DZ	FAO	2026-01-03 14:30:00+00	2026-01-10 14:30:00+00	confirmed	37900	EUR	\N	d6flase370bm7php6eth7m762c	Voucher from partner agency: PTA\\2026\\118	2025-12-16 07:25:13+00	2025-12-16 07:25:13+00
31	RW-1YXMWD	80	UQ-05-QU	FAO	2025-12-26 12:30:00+00	2026-01-02 11:30:00+00	confirmed	21100	EUR	pi_3bR71YQRw1tKc9ZqzLvFzcoD	83huth8atls2hie5s4he7k6hds	Corporate booking\tPO 4471	2025-12-16 13:34:49+00	2025-12-16 13:34:49+00
32	RW-AQ3MV3	81	CG-08-UQ	OPO	2025-12-23 09:30:00+00	2025-12-25 09:30:00+00	confirmed	11600	EUR	pi_3QXr9CiRw1tKc9ZqbxAxwzVX	soeo5i1nu934f2g7ojka697l14	\N	2025-12-16 18:22:12+00	2025-12-20 00:23:54+00
33	RW-9RB4MI	62	QB-01-EP	FAO	2026-01-18 10:30:00+00	2026-01-22 12:30:00+00	confirmed	27500	EUR	pi_3j4faWtRw1tKc9Zq2PCxKGu8	sgild9s99rhflll5ld99lho64e	Arriving by train; call when at the desk	2025-12-16 19:11:18+00	2025-12-16 19:11:18+00
34	RW-36FCPB	82	RF-97-PF	OPO	2025-12-31 17:00:00+00	2026-01-05 17:00:00+00	confirmed	26000	EUR	pi_3Q5T4O2Rw1tKc9ZqwiGk2gjM	igcgflqjdo9nnugm4orln4s48o	\N	2025-12-19 05:44:19+00	2025-12-19 05:44:19+00
35	RW-BWBER4	56	EH-93-VZ	FAO	2026-02-12 10:00:00+00	2026-02-16 10:00:00+00	confirmed	14300	EUR	\N	3qmva1f2habqvvhbq9v7qhp6uj	\N	2025-12-19 07:40:20+00	2025-12-19 07:40:20+00
36	RW-2JAABQ	22	CG-08-UQ	OPO	2026-01-13 12:00:00+00	2026-01-21 12:00:00+00	confirmed	50400	EUR	pi_32KpioBRw1tKc9ZqBmBRJ3U9	d1f19r7m0o3v4r31gmdc86ajj5	Child seat (0-4 years)\nBooster for the older one	2025-12-19 21:46:58+00	2025-12-19 21:46:58+00
37	RW-64OR6T	37	1864 RMM	MAD	2026-01-21 09:30:00+00	2026-01-25 09:30:00+00	confirmed	25200	EUR	pi_3p53JaLRw1tKc9ZqKeYvZJeG	a7l3q1f4eqfokau79glb9pqhcn	\N	2025-12-20 07:21:15+00	2025-12-20 07:21:15+00
38	RW-GCJ4AM	33	JO-01-US	LIS	2025-12-30 18:30:00+00	2026-01-02 17:30:00+00	confirmed	30000	EUR	pi_37WS9rTRw1tKc9ZqzsoDNjza	\N	\N	2025-12-20 15:07:55+00	2025-12-20 15:07:55+00
39	RW-EI7YEZ	83	4415 ZCJ	MAD	2025-12-22 07:00:00+00	2025-12-26 07:00:00+00	confirmed	24800	EUR	pi_3uXFIb7Rw1tKc9Zq0XKEkp29	p84qk5smnnble5q39bl451scu8	\N	2025-12-21 00:45:55+00	2025-12-21 00:45:55+00
40	RW-K9ELUB	84	SU-48-NP	OPO	2025-12-31 11:00:00+00	2026-01-02 11:00:00+00	confirmed	9800	EUR	pi_3UTsV8VRw1tKc9Zq8SU4tK0y	uipua7mkqusd92e4rla7q00nl3	\N	2025-12-21 01:28:28+00	2025-12-21 01:28:28+00
41	RW-M2BDPN	85	4855 PBM	LPA	2025-12-24 09:00:00+00	2025-12-29 11:00:00+00	confirmed	21300	EUR	pi_31mkkt2Rw1tKc9ZqT4dVJdB2	u5vv1m4r8lpdhsajnnqa1svj4h	Will pay the fuel deposit in cash	2025-12-21 21:30:28+00	2025-12-21 21:30:28+00
42	RW-HGNFMT	79	MV-33-QB	LIS	2026-01-20 19:30:00+00	2026-01-21 19:30:00+00	cancelled	4600	EUR	pi_3oCELjYRw1tKc9ZqaiuWNFyy	uphipu8ipcb1jr790vnmv5cvp0	Arriving by train; call when at the desk	2025-12-22 05:41:12+00	2025-12-24 07:36:08+00
43	RW-9B6AFA	19	NH-54-DC	OPO	2025-12-29 14:30:00+00	2025-12-30 14:30:00+00	confirmed	2800	EUR	pi_3nOF6RlRw1tKc9ZqgiH0My7q	j4gqtuj1t7e3g3e65q7djjbh31	\N	2025-12-22 05:45:16+00	2025-12-22 05:45:16+00
44	RW-FVGFWT	86	AG-09-RR	OPO	2025-12-29 15:30:00+00	2026-01-05 17:30:00+00	confirmed	76000	EUR	pi_3ZBDLegRw1tKc9ZqZAdto6Km	\N	Customer asked for a car with a tow bar	2025-12-22 08:57:24+00	2025-12-22 08:57:24+00
45	RW-POMM7M	87	MV-33-QB	LIS	2026-01-10 09:30:00+00	2026-01-15 09:30:00+00	confirmed	19500	EUR	pi_3uqA7SGRw1tKc9Zq6VskJixD	76lho366uvm9v5nns46ds84rkd	\N	2025-12-22 13:33:52+00	2025-12-22 13:33:52+00
46	RW-BER4Z6	88	MV-33-QB	LIS	2025-12-24 14:30:00+00	2026-01-07 14:30:00+00	confirmed	51900	EUR	pi_3fRDdP6Rw1tKc9ZqhFGB65wj	5160ggeeovbaqehjlmg51bedks	\N	2025-12-23 13:54:05+00	2025-12-23 13:54:05+00
47	RW-D0SV65	89	2928 MMZ	MAD	2025-12-25 18:00:00+00	2025-12-31 18:00:00+00	confirmed	34800	EUR	pi_3uXNuTMRw1tKc9ZqMsWlE4dz	bc7v47bvc7330n057f5h9aeb6k	\N	2025-12-23 18:56:23+00	2025-12-23 18:56:23+00
48	RW-YBVDET	90	2857 KWF	BCN	2026-02-18 14:00:00+00	2026-02-24 14:00:00+00	confirmed	53400	EUR	pi_3d9VT3xRw1tKc9Zq2qoaThbG	6hoq0rdpa3pqg22846gg0o191i	\N	2025-12-24 00:30:44+00	2025-12-24 00:30:44+00
49	RW-2J5PCP	41	4855 PBM	LPA	2026-01-17 14:30:00+00	2026-01-24 14:30:00+00	confirmed	24600	EUR	pi_3p8qmrmRw1tKc9ZqHY1zo4uK	del1f0ccj501fq74jqlv75ig88	\N	2025-12-24 04:11:54+00	2025-12-24 04:11:54+00
50	RW-LNOMTM	21	4855 PBM	LPA	2026-01-06 11:30:00+00	2026-01-07 11:00:00+00	confirmed	4300	EUR	pi_3LgtvHJRw1tKc9Zq7whdt5G9	lk8e5o3v9v739hbp0f9uemhih6	\N	2025-12-24 07:00:37+00	2025-12-24 07:00:37+00
51	RW-58FI3O	91	1567 BSZ	MAD	2026-01-11 16:30:00+00	2026-01-17 15:30:00+00	confirmed	57000	EUR	pi_3Y6BpQDRw1tKc9ZqAGivwvJ2	hresojrjgflnio2uqdgr933mca	\N	2025-12-24 10:25:36+00	2025-12-24 10:25:36+00
52	RW-1P9XUU	92	0267 FKF	LPA	2026-01-26 17:30:00+00	2026-01-28 17:30:00+00	confirmed	7900	EUR	\N	05ijg6r7t7jr2ro9bsnkj7rl9p	\N	2025-12-24 12:34:06+00	2025-12-24 12:34:06+00
53	RW-PY8MYD	22	2281 MGS	LPA	2026-01-08 19:30:00+00	2026-01-12 18:30:00+00	confirmed	16300	EUR	pi_3xhYt5rRw1tKc9Zq59DBZl7C	\N	\N	2025-12-24 14:22:20+00	2026-01-06 19:58:30+00
54	RW-FMZO2S	69	2928 MMZ	MAD	2026-01-02 16:00:00+00	2026-01-08 16:00:00+00	confirmed	42000	EUR	pi_3ITCz8VRw1tKc9ZqJcIPxy6S	\N	\N	2025-12-25 01:23:46+00	2025-12-25 01:23:46+00
55	RW-XI2P7V	93	4415 ZCJ	MAD	2026-01-21 16:30:00+00	2026-01-22 16:30:00+00	confirmed	7000	EUR	pi_3CltR3FRw1tKc9ZqaApVxiUM	nu1clr76j2eq1evl6aj99kgb4v	\N	2025-12-25 06:46:17+00	2025-12-25 06:46:17+00
56	RW-LSXOYR	94	RH-98-BJ	LIS	2026-01-09 15:00:00+00	2026-01-12 14:00:00+00	confirmed	11100	EUR	pi_3ILjhv7Rw1tKc9Zq0cUKj3XD	bjjk8p2pf4he36vm4orl5jh3bg	Corporate booking\tPO 4471	2025-12-25 11:35:46+00	2025-12-27 03:24:51+00
57	RW-ZPFKIY	48	0411 GMV	LPA	2025-12-27 17:30:00+00	2026-01-01 16:30:00+00	confirmed	18500	EUR	\N	ietulohntbd9ejanccvt62lcve	\N	2025-12-25 14:22:38+00	2025-12-25 19:13:33+00
58	RW-WYWSBE	95	PB-94-ZA	LIS	2026-01-14 14:30:00+00	2026-01-20 14:00:00+00	confirmed	37500	EUR	pi_30gWh5kRw1tKc9ZqteheZD1M	is80gh3t4bqibbssko1rjdr1np	\N	2025-12-26 01:18:44+00	2025-12-26 01:18:44+00
59	RW-MXSKPV	96	2928 MMZ	MAD	2026-01-10 08:30:00+00	2026-01-17 07:30:00+00	confirmed	40600	EUR	pi_3j38CnKRw1tKc9ZqJVmxDvXW	nc1k3hofgimbf9udhqudtr24v1	\N	2025-12-26 04:01:40+00	2025-12-26 04:01:40+00
60	RW-8DLJ34	97	RH-98-BJ	LIS	2026-01-14 19:30:00+00	2026-01-17 19:30:00+00	confirmed	11100	EUR	pi_3swDVEPRw1tKc9ZqcRF7A171	lnp1o1kkaht3it5ql8a9co9ibk	\N	2025-12-26 08:21:42+00	2026-01-08 15:44:30+00
61	RW-O3MCZA	39	MM-43-ZR	LIS	2026-01-14 12:30:00+00	2026-01-20 14:30:00+00	confirmed	37900	EUR	pi_3HA4PQjRw1tKc9ZqwVY70Pbp	j6akabtemsb1h55u3ua5vd3cvj	\N	2025-12-27 09:42:49+00	2025-12-27 09:42:49+00
62	RW-WYG4PR	51	QB-01-EP	FAO	2026-01-05 17:00:00+00	2026-01-19 17:00:00+00	cancelled	74300	EUR	\N	5mc45pcilcarogn904jjk0brcn	Child seat (0-4 years)\nBooster for the older one	2025-12-27 13:08:13+00	2026-01-04 23:15:25+00
63	RW-AEGQ3K	98	RF-97-PF	OPO	2026-02-12 12:00:00+00	2026-02-26 14:00:00+00	confirmed	78000	EUR	pi_3N0IzW8Rw1tKc9ZqfX8RznuV	rm082a7fb9to921t2fkgnmmtvu	Flight TP1350, arrives 23:40	2025-12-29 13:32:36+00	2026-02-06 23:16:56+00
64	RW-2K3GJJ	30	SU-48-NP	OPO	2026-02-19 09:30:00+00	2026-02-27 09:30:00+00	confirmed	39200	EUR	\N	j1j91hihsu6va09s9ujl572tcl	\N	2025-12-29 20:29:26+00	2025-12-29 20:29:26+00
65	RW-SV28Y3	1	5757 WYB	BCN	2026-01-01 18:30:00+00	2026-01-06 18:30:00+00	confirmed	47500	EUR	pi_3xHBrPyRw1tKc9Zq8t7XXNko	vvcvfn2lqb9o52lj3ucvkskjuq	\N	2025-12-30 03:02:51+00	2025-12-30 03:02:51+00
66	RW-7HFKNQ	8	EH-93-VZ	FAO	2026-02-25 13:00:00+00	2026-02-26 13:00:00+00	confirmed	4700	EUR	pi_3dgnzDERw1tKc9ZqVgTrRLbU	odb0rvbf1afu9ou5ttugdleivs	\N	2025-12-30 19:03:05+00	2025-12-30 19:03:05+00
67	RW-0N5M69	57	SU-48-NP	OPO	2026-01-02 19:00:00+00	2026-01-07 19:00:00+00	confirmed	27000	EUR	pi_3mZtnclRw1tKc9ZqWWSdKzlG	21ouqupdctbip0dk9v0gr1pl8b	\N	2025-12-31 06:39:09+00	2025-12-31 06:39:09+00
68	RW-GPF8AU	99	2281 MGS	LPA	2026-02-03 11:30:00+00	2026-02-16 10:30:00+00	confirmed	43100	EUR	pi_3k2Z45BRw1tKc9ZqKnaF4WuC	h6tldgthe6e1stf4raf5tmn0mp	\N	2026-01-01 10:49:46+00	2026-01-01 10:49:46+00
69	RW-0O31RD	29	4855 PBM	LPA	2026-01-27 11:00:00+00	2026-01-29 11:00:00+00	confirmed	8700	EUR	pi_3WjoF9DRw1tKc9Zqhd4OE5rl	\N	\N	2026-01-01 20:43:57+00	2026-01-01 20:43:57+00
70	RW-MNBQM5	100	PB-94-ZA	LIS	2026-01-02 17:30:00+00	2026-01-06 17:00:00+00	confirmed	22300	EUR	pi_3pcNjSWRw1tKc9ZqxQbZ1kng	gtle43ulhsq1bo7rl68klc1f58	\N	2026-01-02 04:16:02+00	2026-01-02 04:16:02+00
71	RW-RKJAXM	101	AG-09-RR	OPO	2026-01-23 12:30:00+00	2026-02-03 12:00:00+00	confirmed	104500	EUR	pi_3UE7eHVRw1tKc9ZqLz7lP54y	\N	\N	2026-01-02 11:51:55+00	2026-01-02 11:51:55+00
72	RW-RL8TMV	33	NH-54-DC	OPO	2026-02-09 09:00:00+00	2026-02-10 09:00:00+00	confirmed	2800	EUR	pi_3uqgXlgRw1tKc9ZqyYx3oHTI	88u1f8c8v8295o2b47a6im3i6e	\N	2026-01-04 14:41:19+00	2026-01-19 20:01:42+00
73	RW-GUDUF6	102	SU-48-NP	OPO	2026-02-06 18:30:00+00	2026-02-17 18:30:00+00	confirmed	53900	EUR	pi_3ihUhiLRw1tKc9ZqyEsMHNcu	db8mcn8u2ufid9kd3qeccm6ttm	\N	2026-01-06 09:35:23+00	2026-01-06 09:35:23+00
74	RW-KS8KWS	85	CJ-07-GV	LIS	2026-01-29 11:00:00+00	2026-01-31 10:00:00+00	confirmed	13900	EUR	pi_3PDhO8BRw1tKc9Zqvb0Jw3nM	r3j7uu0qh9e9cem5feoojj1jj1	\N	2026-01-06 09:40:05+00	2026-01-06 09:40:05+00
75	RW-3RJ2EF	103	RF-97-PF	OPO	2026-01-13 19:00:00+00	2026-01-26 19:00:00+00	confirmed	67600	EUR	pi_3RQipmTRw1tKc9Zq6hLCKkM4	\N	Voucher from partner agency: PTA\\2026\\118	2026-01-07 01:37:39+00	2026-01-07 01:37:39+00
76	RW-9G2WUG	104	4415 ZCJ	MAD	2026-01-26 12:30:00+00	2026-01-28 11:30:00+00	confirmed	12400	EUR	pi_3QiU6OGRw1tKc9ZqRxZgRdwu	rkppbs1i2t35iouoe1n2lbvs96	\N	2026-01-07 10:09:10+00	2026-01-07 10:09:10+00
77	RW-CUYZW4	26	2928 MMZ	MAD	2026-02-18 15:00:00+00	2026-02-21 15:00:00+00	confirmed	17400	EUR	pi_35GTiiPRw1tKc9Zq7ozHtO2q	t3228uqclrmhs8buigb0jeiemk	Corporate booking\tPO 4471	2026-01-08 02:39:22+00	2026-01-08 02:39:22+00
78	RW-UIKMPI	103	0411 GMV	LPA	2026-01-30 17:00:00+00	2026-02-02 17:00:00+00	confirmed	11700	EUR	pi_3XOo3cRRw1tKc9ZqA1Dant7R	b7i1qheudo9olfq11go5veer64	\N	2026-01-08 09:19:19+00	2026-01-08 09:19:19+00
79	RW-AB6XF0	62	QB-01-EP	FAO	2026-01-10 09:30:00+00	2026-01-14 08:30:00+00	confirmed	22300	EUR	pi_3Q4ah2qRw1tKc9ZqyN2of1hc	au2r8sqrp367v56rql72kjdmij	\N	2026-01-08 19:04:16+00	2026-01-08 19:04:16+00
80	RW-FRTZ37	56	GT-56-EX	LIS	2026-01-15 18:30:00+00	2026-01-20 18:30:00+00	confirmed	17500	EUR	pi_3zTCjEGRw1tKc9Zq12duaiwe	ciqe3652qklpdjpn52uug4jlma	\N	2026-01-09 03:31:35+00	2026-01-10 08:58:47+00
81	RW-YKEYNR	106	SU-48-NP	OPO	2026-01-29 14:00:00+00	2026-01-31 14:00:00+00	confirmed	9800	EUR	pi_3BOM7HRRw1tKc9Zq4xKq7T5I	t03067uuk7st6trjfe15ohoafr	\N	2026-01-09 07:24:49+00	2026-01-09 07:24:49+00
82	RW-NW95DL	16	HO-79-JF	LIS	2026-01-15 13:30:00+00	2026-01-17 15:30:00+00	cancelled	18900	EUR	pi_3mLSFrdRw1tKc9ZqsYnXccSu	\N	\N	2026-01-09 12:16:26+00	2026-01-12 18:27:25+00
83	RW-SJ8UT0	107	RH-98-BJ	LIS	2026-02-16 18:00:00+00	2026-02-17 18:00:00+00	confirmed	5200	EUR	pi_3NnodJ5Rw1tKc9ZqTp4Qv7lO	hq1omdoaguqkcq97f4apqracq3	Arriving by train; call when at the desk	2026-01-09 21:42:27+00	2026-01-09 21:42:27+00
84	RW-A56PN8	108	2928 MMZ	MAD	2026-01-22 14:30:00+00	2026-01-25 16:30:00+00	confirmed	23200	EUR	pi_3pFe5qmRw1tKc9ZqNE4NcNXq	257lmocvhat6f1hufo0dp48e9k	\N	2026-01-09 23:51:49+00	2026-01-09 23:51:49+00
85	RW-5FVGEP	109	GT-56-EX	LIS	2026-01-24 17:00:00+00	2026-02-03 16:00:00+00	cancelled	33500	EUR	pi_3YKJ1yBRw1tKc9ZqrvRQq72r	\N	Customer asked for a car with a tow bar	2026-01-10 00:11:04+00	2026-01-17 17:17:19+00
86	RW-TS68FN	97	JO-01-US	LIS	2026-02-19 18:00:00+00	2026-02-22 17:00:00+00	confirmed	33600	EUR	pi_3emunXDRw1tKc9Zqb8O6kvbY	8131ie4f5of1uh0afvnn2manlq	\N	2026-01-10 04:19:14+00	2026-01-10 04:19:14+00
87	RW-CT6YJW	56	NH-54-DC	OPO	2026-02-07 13:30:00+00	2026-02-09 13:30:00+00	confirmed	5600	EUR	pi_3i9kLAURw1tKc9Zq2WOkFomA	ge75o0ronso6tjlbursfjks6qq	\N	2026-01-10 08:51:31+00	2026-01-10 08:51:31+00
88	RW-YT6SPE	105	8914 YVK	MAD	2026-01-17 10:00:00+00	2026-01-25 10:00:00+00	confirmed	22400	EUR	pi_3gwmNbRRw1tKc9ZqL8euZFXS	7fv10uhvhpde0qm8e36mlvm3qh	Corporate booking\tPO 4471	2026-01-10 11:57:43+00	2026-01-10 11:57:43+00
89	RW-R8SW8M	5	JO-01-US	LIS	2026-01-26 17:00:00+00	2026-02-03 17:00:00+00	confirmed	83900	EUR	pi_39pBDV4Rw1tKc9Zqaa5DoqqU	a03inn6ja5r24lv5ts12uffqag	\N	2026-01-10 14:28:58+00	2026-01-10 14:28:58+00
90	RW-V06MQ2	110	SU-48-NP	OPO	2026-01-18 17:00:00+00	2026-01-28 17:00:00+00	confirmed	49000	EUR	pi_3Vrg0ibRw1tKc9Zqwfgwz7UY	k5ufj5ntbet5lg4aif51tf54b6	\N	2026-01-10 15:23:45+00	2026-01-10 15:23:45+00
91	RW-NT8DQ1	19	3139 CJP	BCN	2026-02-04 12:00:00+00	2026-02-12 12:00:00+00	confirmed	45600	EUR	pi_37P95OgRw1tKc9Zq7tDSGhj1	qj45olk0hnt3mvtk6k0taigjrg	Second driver: same surname\nLicence checked	2026-01-10 17:12:48+00	2026-01-20 13:30:37+00
92	RW-IGIBEB	111	MM-43-ZR	LIS	2026-01-23 12:30:00+00	2026-01-26 14:30:00+00	confirmed	22300	EUR	pi_33FLkHbRw1tKc9ZqzQwv1Enr	ah1gfcj24thshumbh4ggtomrme	\N	2026-01-10 18:50:03+00	2026-01-10 18:50:03+00
93	RW-460FZB	22	QJ-31-ID	LIS	2026-01-11 11:00:00+00	2026-01-19 11:00:00+00	confirmed	40700	EUR	pi_3AD7mJyRw1tKc9Zq0JEY0C2G	kqpi6lcq16l0da4esna93dp90a	\N	2026-01-10 20:30:26+00	2026-01-10 20:30:26+00
94	RW-GFT16A	112	BE-02-MB	FAO	2026-01-25 14:30:00+00	2026-01-30 14:30:00+00	confirmed	49000	EUR	\N	\N	\N	2026-01-11 01:56:26+00	2026-01-11 01:56:26+00
95	RW-Q929GI	113	NH-54-DC	OPO	2026-01-27 13:30:00+00	2026-02-01 13:30:00+00	cancelled	14000	EUR	pi_3YujvYiRw1tKc9ZqITevRNHK	\N	Child seat (0-4 years)\nBooster for the older one	2026-01-11 15:58:06+00	2026-01-16 09:41:48+00
96	RW-9MS63G	114	XF-48-DZ	FAO	2026-01-24 13:00:00+00	2026-01-29 15:00:00+00	confirmed	32700	EUR	pi_3dJCJWVRw1tKc9ZqS7ZI2734	rt6nabrj6avmudgc38tgpqf02i	\N	2026-01-11 17:52:35+00	2026-01-11 17:52:35+00
97	RW-W2FQQB	115	GT-56-EX	LIS	2026-02-14 13:00:00+00	2026-02-19 13:00:00+00	confirmed	20000	EUR	pi_3dvdHilRw1tKc9ZqgrN2tj8m	v5cr87mdvj0j6k7lmjusaelj0p	\N	2026-01-11 17:59:00+00	2026-01-11 17:59:00+00
98	RW-KHK2VG	116	UH-20-MA	LIS	2026-01-14 09:00:00+00	2026-01-26 08:30:00+00	confirmed	35100	EUR	pi_366qtN3Rw1tKc9ZqTcOCyEj6	\N	\N	2026-01-12 07:31:03+00	2026-01-12 07:31:03+00
99	RW-71XRVN	117	QJ-31-ID	LIS	2026-01-23 16:00:00+00	2026-01-31 16:00:00+00	confirmed	44700	EUR	\N	lac9jkac9jms18939a79jb349f	\N	2026-01-13 10:06:16+00	2026-01-13 10:06:16+00
100	RW-YBGCSA	118	JO-01-US	LIS	2026-01-18 08:30:00+00	2026-01-19 10:30:00+00	confirmed	20500	EUR	pi_3FMmntCRw1tKc9ZqII0J8JxD	\N	\N	2026-01-14 09:43:23+00	2026-01-14 09:43:23+00
101	RW-7KZNUG	119	UH-20-MA	LIS	2026-01-26 14:30:00+00	2026-02-01 13:30:00+00	confirmed	18300	EUR	pi_35vr4ooRw1tKc9ZqGQXGZuxW	5nlih3ar3iqbhth9j13r3j389r	Will pay the fuel deposit in cash	2026-01-15 11:14:31+00	2026-01-15 11:14:31+00
102	RW-2K87PD	91	0267 FKF	LPA	2026-01-31 15:00:00+00	2026-02-06 17:00:00+00	confirmed	27400	EUR	pi_3378BQtRw1tKc9ZqbF0olnM8	tj00ba8bll86qmbdes9igdrbkc	\N	2026-01-16 03:31:22+00	2026-01-16 03:31:22+00
103	RW-KZK9T8	121	QB-01-EP	FAO	2026-02-04 11:00:00+00	2026-02-06 11:00:00+00	confirmed	11900	EUR	pi_3dIwRNXRw1tKc9ZqHEsp7hFI	jbq87oufa5kbo04d46n81mquf1	\N	2026-01-16 05:35:50+00	2026-01-16 05:35:50+00
104	RW-OMTZC6	87	UQ-05-QU	FAO	2026-01-18 15:00:00+00	2026-01-26 15:00:00+00	cancelled	23900	EUR	pi_3z6u05ERw1tKc9ZqwP1EGLpy	habur3488s2lhjpnlgknqqquth	\N	2026-01-17 16:33:06+00	2026-01-18 10:31:11+00
105	RW-01XAOR	79	GT-56-EX	LIS	2026-01-21 08:00:00+00	2026-01-28 10:00:00+00	confirmed	27100	EUR	pi_31IZIpSRw1tKc9ZqFKWBYvRv	\N	\N	2026-01-18 02:32:02+00	2026-01-18 02:32:02+00
106	RW-F6T133	101	5757 WYB	BCN	2026-01-27 08:30:00+00	2026-01-30 08:00:00+00	confirmed	28500	EUR	pi_3l3W9lQRw1tKc9Zqi6Qr4rRb	kpsu7asse7co645d3lrdop1i32	\N	2026-01-18 08:24:41+00	2026-01-18 08:24:41+00
107	RW-QCSHTI	124	0411 GMV	LPA	2026-01-21 13:00:00+00	2026-01-26 13:00:00+00	confirmed	21000	EUR	pi_3f5j2NlRw1tKc9ZqnU3F0LNV	7bnhnfq4qoeje355f9ve8lhatv	Child seat (0-4 years)\nBooster for the older one	2026-01-18 20:33:50+00	2026-01-18 20:33:50+00
108	RW-HMZH71	25	QJ-31-ID	LIS	2026-01-22 12:30:00+00	2026-01-23 12:30:00+00	confirmed	6400	EUR	pi_3XJhRCwRw1tKc9Zq3xOXSh1T	7mbgggokv1drhu5pbuam20ve09	Will pay the fuel deposit in cash	2026-01-20 03:24:55+00	2026-01-20 03:24:55+00
109	RW-FSN9KI	101	4415 ZCJ	MAD	2026-01-30 07:00:00+00	2026-02-01 06:30:00+00	confirmed	12400	EUR	pi_3fbuKuWRw1tKc9Zq7LJKRGOM	5gt3ifg4f69ofuhpd585spccmv	\N	2026-01-21 03:36:06+00	2026-01-21 03:36:06+00
110	RW-C8ZTV2	27	JO-01-US	LIS	2026-03-19 09:30:00+00	2026-03-24 08:30:00+00	confirmed	49000	EUR	pi_3JE0945Rw1tKc9ZqIms3wDRl	p0lsc4hqlodl87ll0vtqg1an3a	\N	2026-01-21 12:51:55+00	2026-01-21 12:51:55+00
111	RW-26XFL2	125	BE-02-MB	FAO	2026-02-16 09:30:00+00	2026-02-20 09:30:00+00	confirmed	39500	EUR	pi_3flrj4HRw1tKc9ZqpaYVOcpf	qasrjucn60hcj6vmjuv1fl1cc9	Prefers an automatic gearbox	2026-01-21 23:26:47+00	2026-01-21 23:26:47+00
112	RW-GVKKAY	126	2928 MMZ	MAD	2026-01-28 15:00:00+00	2026-01-29 17:00:00+00	confirmed	11600	EUR	pi_3bUoAbTRw1tKc9ZqNl9tWCxa	kdhhb4lneb5ek480jdnovi3mme	Customer asked for a car with a tow bar	2026-01-22 16:38:43+00	2026-01-22 16:38:43+00
113	RW-E9PQX1	127	QB-01-EP	FAO	2026-01-23 11:00:00+00	2026-01-25 11:00:00+00	confirmed	13500	EUR	pi_3Rk7ugsRw1tKc9Zqkf8ebMru	6n2bqcdkmgfq03bsk8l9erleml	\N	2026-01-22 22:22:49+00	2026-01-22 22:22:49+00
114	RW-WS4RZV	121	CG-08-UQ	OPO	2026-01-23 09:30:00+00	2026-02-03 09:30:00+00	confirmed	63800	EUR	pi_3ee7ZFQRw1tKc9ZqRba2KEay	\N	\N	2026-01-22 23:13:13+00	2026-01-22 23:13:13+00
115	RW-WY4QSS	128	1567 BSZ	MAD	2026-02-23 16:30:00+00	2026-03-01 16:30:00+00	confirmed	60000	EUR	pi_33cMvS0Rw1tKc9ZqgBRq77Uk	ch1d5uaadas88vudefs7u7d6vl	\N	2026-01-23 00:36:17+00	2026-01-23 00:36:17+00
116	RW-2TGSCR	129	4855 PBM	LPA	2026-02-18 18:00:00+00	2026-02-24 20:00:00+00	confirmed	24600	EUR	pi_3b38PhuRw1tKc9ZqKludmgnd	1gc3e4pck7qbvojvmiiuf7ttm4	\N	2026-01-23 04:39:39+00	2026-01-23 04:39:39+00
117	RW-PZ1SNZ	20	1567 BSZ	MAD	2026-02-10 07:00:00+00	2026-02-15 07:00:00+00	confirmed	51500	EUR	pi_3LUJtHPRw1tKc9ZqrjsTgdjh	32jabo1suvm61j759hgn5gigaa	\N	2026-01-23 08:06:30+00	2026-01-23 08:06:30+00
118	RW-EALO70	130	RF-97-PF	OPO	2026-02-28 18:30:00+00	2026-03-11 18:30:00+00	cancelled	57200	EUR	pi_3NQ7w3LRw1tKc9ZquEdh7uIk	725pojn4lj65b0agdo6bc0qbvt	\N	2026-01-23 21:48:13+00	2026-02-12 05:43:36+00
119	RW-RDMEFE	131	NH-54-DC	OPO	2026-01-25 18:00:00+00	2026-01-26 17:30:00+00	confirmed	3300	EUR	pi_3et7D9lRw1tKc9Zqi8FCRrjf	d3oc7ajsomqd10jr3qdtvom5j2	\N	2026-01-24 02:15:35+00	2026-01-24 02:15:35+00
120	RW-9XP74Y	132	NH-54-DC	OPO	2026-02-25 08:00:00+00	2026-02-28 07:00:00+00	confirmed	9900	EUR	pi_3RkqLhsRw1tKc9ZqNvfum4H1	pqu8oep1j1oclse2cg0a7133cq	\N	2026-01-24 06:24:35+00	2026-01-24 06:24:35+00
121	RW-DIZY79	10	2928 MMZ	MAD	2026-03-03 08:30:00+00	2026-03-05 07:30:00+00	confirmed	13200	EUR	pi_3BjL9B5Rw1tKc9ZqcCNdfeBV	mfq7r75mji92mppr138otb9crd	\N	2026-01-24 18:58:33+00	2026-01-31 03:30:11+00
122	RW-Q8IEWA	133	RF-97-PF	OPO	2026-02-02 18:30:00+00	2026-02-06 18:30:00+00	confirmed	22800	EUR	pi_3TgkU7PRw1tKc9ZqqxQr4RDF	ag0598kbcqo2oks9rm0fb6o623	\N	2026-01-24 22:07:57+00	2026-01-24 22:07:57+00
123	RW-ZPC4O9	51	QB-01-EP	FAO	2026-01-28 12:00:00+00	2026-02-01 12:00:00+00	confirmed	22300	EUR	pi_32KEr4BRw1tKc9Zq4vAfjcoV	6omefch0q85nr31h92l709rnv4	Corporate booking\tPO 4471	2026-01-25 15:27:03+00	2026-01-25 15:27:03+00
124	RW-GS0DK9	134	CG-08-UQ	OPO	2026-02-10 15:00:00+00	2026-02-14 15:00:00+00	confirmed	26400	EUR	pi_3XZhy07Rw1tKc9ZqRPulz0Jx	i9kgqq3mj4m54lcmlb2f5544qm	\N	2026-01-26 10:37:51+00	2026-01-26 10:37:51+00
125	RW-5AKL76	135	2857 KWF	BCN	2026-01-27 13:30:00+00	2026-02-01 12:30:00+00	confirmed	44500	EUR	pi_3qDyqZSRw1tKc9Zq9dTAN9z1	0iuv0l6ej4mrd30p90v4srm813	\N	2026-01-26 14:26:21+00	2026-01-26 14:26:21+00
126	RW-MZXEI4	18	AG-09-RR	OPO	2026-02-06 15:00:00+00	2026-02-16 15:00:00+00	confirmed	95000	EUR	\N	j6pkeu2aeoia43bs72tvcdtspf	\N	2026-01-27 18:04:42+00	2026-01-27 18:04:42+00
127	RW-WMVLYQ	136	EH-93-VZ	FAO	2026-02-05 18:30:00+00	2026-02-07 18:00:00+00	confirmed	8900	EUR	pi_3le3zasRw1tKc9ZqiFr0a8Xj	t5ufqg12d506v4h247jupsrv48	\N	2026-01-28 21:56:13+00	2026-01-28 21:56:13+00
128	RW-MNEHLQ	138	1567 BSZ	MAD	2026-01-30 14:00:00+00	2026-02-01 14:00:00+00	confirmed	20600	EUR	pi_3wBWq9wRw1tKc9Zq0wAOef3d	sri0nd1f7cksos9thcn2ve53tr	\N	2026-01-29 21:49:25+00	2026-01-29 21:49:25+00
129	RW-BJX0N2	57	MM-43-ZR	LIS	2026-02-12 09:30:00+00	2026-02-20 08:30:00+00	confirmed	43100	EUR	pi_3DSERKcRw1tKc9Zq0xYgenLy	474ig6r3nl7u8r2tr34mm5uhfo	\N	2026-01-31 12:01:39+00	2026-01-31 12:01:39+00
130	RW-AR3MYE	8	7017 RYY	MAD	2026-02-07 10:30:00+00	2026-02-11 10:30:00+00	confirmed	20800	EUR	pi_38VKAxkRw1tKc9ZqIO6Uptyv	i7t2ftq4lite1seltqu0qk5ha5	\N	2026-02-01 06:53:08+00	2026-02-02 14:16:45+00
131	RW-MZ3EKL	140	RH-98-BJ	LIS	2026-02-08 13:00:00+00	2026-02-09 13:00:00+00	confirmed	4700	EUR	pi_3nPsb1kRw1tKc9ZqhLgTxvE2	6j5vssjv0e95v0fth75uas380a	\N	2026-02-02 00:21:32+00	2026-02-03 16:04:51+00
132	RW-86HX1T	142	1864 RMM	MAD	2026-02-04 15:30:00+00	2026-02-10 15:30:00+00	confirmed	37800	EUR	pi_3oO1AQPRw1tKc9ZqYenMYMNA	h4ao081jul6b7aurc3999t5etf	Arriving by train; call when at the desk	2026-02-02 22:14:00+00	2026-02-02 22:14:00+00
133	RW-DR09EA	143	NH-54-DC	OPO	2026-03-30 14:30:00+00	2026-04-02 13:30:00+00	confirmed	8400	EUR	pi_3TDsdbLRw1tKc9Zqka3gpLqL	htlb86fk576k59k9bbkocbbmqb	\N	2026-02-03 10:20:39+00	2026-02-03 10:20:39+00
134	RW-LFQH3F	144	RH-98-BJ	LIS	2026-02-04 11:30:00+00	2026-02-05 11:00:00+00	cancelled	5200	EUR	pi_3Ztvb33Rw1tKc9ZqWlTIULsV	qoqklojtvqgab27ojua9tipl9r	\N	2026-02-03 16:46:10+00	2026-02-04 07:33:00+00
135	RW-GCE69Q	62	QB-01-EP	FAO	2026-03-05 15:00:00+00	2026-03-09 15:00:00+00	confirmed	24300	EUR	pi_3Y8Nr1KRw1tKc9Zqrz7EItZa	b1hu9cgbhlla2cifsrd00os998	\N	2026-02-04 09:15:29+00	2026-02-04 09:15:29+00
136	RW-BNNZJ1	145	2281 MGS	LPA	2026-03-28 09:00:00+00	2026-03-30 08:00:00+00	confirmed	8900	EUR	pi_3xSoTvaRw1tKc9ZqvN0BHAt2	e51d0tk3750je7kshs0r0ukegj	\N	2026-02-04 16:35:45+00	2026-02-04 16:35:45+00
137	RW-VH1RYF	146	2928 MMZ	MAD	2026-02-06 10:00:00+00	2026-02-09 10:00:00+00	confirmed	18900	EUR	pi_37X4TBxRw1tKc9Zqbg3X3OFc	\N	\N	2026-02-05 03:00:41+00	2026-02-05 03:00:41+00
138	RW-7Z8M03	57	QJ-31-ID	LIS	2026-02-25 17:30:00+00	2026-02-26 17:30:00+00	confirmed	7200	EUR	pi_34rupcIRw1tKc9ZqKO9mjD9I	ut002p5ho09usvu5ttup4dlm9a	\N	2026-02-05 15:28:10+00	2026-02-05 15:28:10+00
139	RW-T16JQN	147	GT-56-EX	LIS	2026-02-22 11:00:00+00	2026-02-23 10:00:00+00	confirmed	4700	EUR	pi_3zhbgQmRw1tKc9ZqdPd53xh6	378hmq89me6obd5hjitpv7mm96	\N	2026-02-06 04:42:30+00	2026-02-06 04:42:30+00
140	RW-NGWJCL	148	1864 RMM	MAD	2026-02-28 17:30:00+00	2026-03-07 16:30:00+00	cancelled	40600	EUR	pi_3QBMbZ3Rw1tKc9Zq92NXNbGL	ia4q47rnk253no5c39459q1tpv	\N	2026-02-06 05:11:48+00	2026-02-16 14:47:13+00
141	RW-95QFBX	143	UH-20-MA	LIS	2026-02-18 18:00:00+00	2026-02-21 18:00:00+00	confirmed	9900	EUR	pi_3eyRGSMRw1tKc9ZqlWASWvEv	45efqlvsorf7r2utj24in8ein7	\N	2026-02-06 21:42:14+00	2026-02-06 21:42:14+00
142	RW-2TO1Q4	149	QJ-31-ID	LIS	2026-02-16 16:30:00+00	2026-02-18 18:30:00+00	confirmed	16200	EUR	pi_3df1tdkRw1tKc9ZqWQ807UoK	u7apjnv2hd31l1aoslrf7v0rdc	\N	2026-02-06 21:59:29+00	2026-02-06 21:59:29+00
143	RW-JEWSRA	13	MV-33-QB	LIS	2026-02-12 14:00:00+00	2026-02-13 14:00:00+00	confirmed	4600	EUR	pi_3OwSxtJRw1tKc9ZqUO9jU2cx	gjnna9gseb5bait2e1pjb97l1v	\N	2026-02-06 22:55:04+00	2026-02-06 22:55:04+00
144	RW-225OLJ	120	3139 CJP	BCN	2026-02-27 16:00:00+00	2026-03-05 16:00:00+00	confirmed	29400	EUR	pi_3YPD8gQRw1tKc9ZqQHwfIIpg	goanaca8v0t5pq70emmq8umra5	Second driver: same surname\nLicence checked	2026-02-07 09:02:18+00	2026-02-07 09:02:18+00
145	RW-MX0GBO	77	0411 GMV	LPA	2026-02-28 14:00:00+00	2026-03-01 13:00:00+00	confirmed	4900	EUR	pi_3TrYwWJRw1tKc9Zq4uZLf5cU	44ln4htcd69uft95jgousj01s1	\N	2026-02-07 09:23:38+00	2026-02-07 09:23:38+00
146	RW-3ONFDG	24	AG-09-RR	OPO	2026-02-21 10:00:00+00	2026-02-22 09:00:00+00	confirmed	9500	EUR	pi_3YGpRpPRw1tKc9ZqgQgjQ8jg	4jcr8s3ia32hdbl56g57fbh3nq	\N	2026-02-07 09:50:00+00	2026-02-07 09:50:00+00
147	RW-TP97RO	151	JO-01-US	LIS	2026-03-31 14:30:00+00	2026-04-07 14:30:00+00	cancelled	68000	EUR	pi_3s8kuDFRw1tKc9ZqRljJMWfr	pkdf3d0arql9uqkvllt6gmhk8o	\N	2026-02-07 11:37:19+00	2026-02-15 14:28:39+00
148	RW-L247CV	152	5029 GXL	BCN	2026-03-14 13:00:00+00	2026-03-22 15:00:00+00	confirmed	36000	EUR	pi_3e2yor7Rw1tKc9Zqo7wMVEq9	k6ani2pmmsadkh73mthe6v7dv5	Prefers an automatic gearbox	2026-02-07 20:26:52+00	2026-02-07 20:26:52+00
149	RW-VLDZTT	153	QB-01-EP	FAO	2026-02-09 12:00:00+00	2026-02-13 14:00:00+00	confirmed	27500	EUR	\N	6ur22l7iefeblmpfh65g874d8k	\N	2026-02-09 02:15:41+00	2026-02-09 02:15:41+00
150	RW-K0DUD2	151	CG-08-UQ	OPO	2026-02-14 19:30:00+00	2026-02-19 19:30:00+00	confirmed	31500	EUR	pi_3gPUIRsRw1tKc9ZqnxDcvjNv	8amg5dt8hjtcfjpkktpjsthdg8	\N	2026-02-09 03:20:11+00	2026-02-09 03:20:11+00
151	RW-FQMTRO	154	BE-02-MB	FAO	2026-03-02 14:00:00+00	2026-03-07 16:00:00+00	confirmed	58500	EUR	pi_3yLBFG1Rw1tKc9Zqgg5kLWLv	pngg2to4jfepf0jjpv5o8p6di6	\N	2026-02-09 08:34:47+00	2026-02-09 08:34:47+00
152	RW-EPR4T7	83	QJ-31-ID	LIS	2026-03-06 13:30:00+00	2026-03-14 15:30:00+00	confirmed	50100	EUR	pi_3xaWj7JRw1tKc9Zqua5ZMjpB	58bh0ea04l1np9i2vjivcdvj0n	\N	2026-02-10 05:22:39+00	2026-02-10 05:22:39+00
153	RW-XJ6RD8	155	GT-56-EX	LIS	2026-04-03 18:00:00+00	2026-04-10 17:00:00+00	confirmed	29500	EUR	pi_3cWvoc2Rw1tKc9Zql2fMUAZI	43a17o54sbigf65rlc57v7chuo	\N	2026-02-10 09:02:31+00	2026-02-10 09:02:31+00
154	RW-IMRZD7	157	8914 YVK	MAD	2026-03-27 08:30:00+00	2026-04-10 07:30:00+00	confirmed	39200	EUR	pi_37tdMFuRw1tKc9ZqVBnqFbXj	2aua0rs4f15nhia0ddp6oc9gth	\N	2026-02-10 14:56:04+00	2026-02-10 14:56:04+00
155	RW-NR97AZ	100	1567 BSZ	MAD	2026-03-28 08:30:00+00	2026-04-03 07:30:00+00	confirmed	57000	EUR	pi_3ldDcMmRw1tKc9Zqu5KOBDcU	q2m6fi41d0ppuak59o1vmn2onn	\N	2026-02-10 15:18:33+00	2026-02-10 15:18:33+00
156	RW-2WE48Y	54	NH-54-DC	OPO	2026-02-11 19:30:00+00	2026-02-12 21:30:00+00	confirmed	5600	EUR	pi_3wmbhZkRw1tKc9ZqpOqfW8np	5r7tc3n4plf5ljmkfeq87cck60	\N	2026-02-10 16:29:01+00	2026-02-10 16:29:01+00
157	RW-C90QT6	114	TD-59-DL	LIS	2026-02-22 16:30:00+00	2026-03-01 18:30:00+00	confirmed	47900	EUR	pi_3jFARyWRw1tKc9ZqK6Qem7Z4	j7rqkj9umcot49771nbin7kuo8	\N	2026-02-11 04:57:15+00	2026-02-11 04:57:15+00
158	RW-KMGI67	159	0267 FKF	LPA	2026-02-19 12:00:00+00	2026-02-22 11:00:00+00	confirmed	11100	EUR	pi_3IyhyoDRw1tKc9ZqBAPYbVry	\N	\N	2026-02-11 23:11:04+00	2026-02-14 23:00:09+00
159	RW-0TOBOR	73	QB-01-EP	FAO	2026-02-22 11:00:00+00	2026-02-23 10:00:00+00	confirmed	6700	EUR	pi_34WV1BORw1tKc9ZqpyHgML7B	\N	Prefers an automatic gearbox	2026-02-12 02:22:37+00	2026-02-12 02:22:37+00
160	RW-NSNN4U	19	2281 MGS	LPA	2026-02-27 13:00:00+00	2026-03-04 13:00:00+00	confirmed	17500	EUR	pi_3zy739NRw1tKc9ZqA03txzMx	9117nflakh0kcepvv923ek3jhd	Child seat (0-4 years)\nBooster for the older one	2026-02-12 16:01:55+00	2026-02-12 16:01:55+00
161	RW-563CTB	160	AG-09-RR	OPO	2026-03-01 09:00:00+00	2026-03-06 09:00:00+00	confirmed	50000	EUR	pi_3TPiBi1Rw1tKc9ZqxgTrsFlv	td9uqpnkk4es4i49qc9pe8j153	Second driver: same surname\nLicence checked	2026-02-13 04:26:43+00	2026-02-17 20:57:42+00
162	RW-B5IJVT	161	5590 XMD	MAD	2026-03-24 11:30:00+00	2026-03-28 10:30:00+00	confirmed	16000	EUR	pi_3eQweRRRw1tKc9ZqrzB6kMXe	5o62ff843b0o706l0biat2jbpf	\N	2026-02-13 13:21:30+00	2026-02-13 13:21:30+00
163	RW-WBGX6A	162	JO-01-US	LIS	2026-03-08 08:00:00+00	2026-03-10 08:00:00+00	confirmed	20500	EUR	pi_3zgtfe8Rw1tKc9ZqMCacncST	bu66eusqd2huol8stb04q39bnl	Flight TP1350, arrives 23:40	2026-02-13 21:16:54+00	2026-02-13 21:16:54+00
164	RW-CTVXVF	164	PB-94-ZA	LIS	2026-03-16 13:00:00+00	2026-03-19 15:00:00+00	confirmed	24300	EUR	pi_3Go4273Rw1tKc9ZqtvPxSKBw	\N	\N	2026-02-14 17:51:32+00	2026-02-14 17:51:32+00
165	RW-7O2WHA	12	MV-33-QB	LIS	2026-03-18 11:00:00+00	2026-03-19 10:30:00+00	confirmed	5100	EUR	pi_3cqzisGRw1tKc9Zq7k8poqpQ	hia1n8nkpelo3p2sr52k03bdhh	\N	2026-02-15 11:10:40+00	2026-02-15 11:10:40+00
166	RW-KMCIQG	165	UQ-05-QU	FAO	2026-03-04 10:30:00+00	2026-03-08 10:30:00+00	cancelled	12700	EUR	pi_3tAoAT4Rw1tKc9ZqsuM2Odmf	gdnevfo2omo9bdg7sehlh5jfla	Voucher from partner agency: PTA\\2026\\118	2026-02-15 13:07:27+00	2026-02-27 19:39:16+00
167	RW-I9BPOK	166	2928 MMZ	MAD	2026-04-08 14:00:00+00	2026-04-17 16:00:00+00	confirmed	58000	EUR	pi_3eiIEpQRw1tKc9ZqqV79vJBq	0p8gcm6khp021obbfgl635burc	\N	2026-02-15 17:19:22+00	2026-02-15 17:19:22+00
168	RW-I099KV	150	7017 RYY	MAD	2026-02-18 09:30:00+00	2026-02-28 09:30:00+00	cancelled	52000	EUR	pi_31lb6NtRw1tKc9Zq3KMpPumC	5cgl0u3hakn48p76ofhk8f3775	\N	2026-02-16 01:34:10+00	2026-02-18 06:04:20+00
169	RW-PQY65U	35	HO-79-JF	LIS	2026-03-04 14:00:00+00	2026-03-14 14:00:00+00	confirmed	59500	EUR	\N	ajlet2s4ml6kmbb3s2d4b0kov1	\N	2026-02-16 10:03:36+00	2026-02-16 10:03:36+00
170	RW-I7SUD6	167	2281 MGS	LPA	2026-02-24 18:30:00+00	2026-02-25 18:30:00+00	confirmed	4700	EUR	pi_3XcMTsPRw1tKc9ZqUcJgSDNq	31aqlgc7e6p292homqbembv485	\N	2026-02-16 14:17:23+00	2026-02-16 14:17:23+00
171	RW-4OL2G8	168	AG-09-RR	OPO	2026-02-23 18:00:00+00	2026-02-24 18:00:00+00	confirmed	10300	EUR	pi_30BCkInRw1tKc9ZqcjxejTcH	k6jgi7ohbq0a96p9be9nvjname	\N	2026-02-18 11:41:04+00	2026-02-18 11:41:04+00
172	RW-CD5293	17	BE-02-MB	FAO	2026-03-23 11:00:00+00	2026-03-24 10:30:00+00	confirmed	11000	EUR	pi_3Qtsc8BRw1tKc9ZqcWYfDvJ7	0kqih2ad91brbi20pe5vv5thbe	Voucher from partner agency: PTA\\2026\\118	2026-02-18 17:44:08+00	2026-02-18 17:44:08+00
173	RW-JSGQ0Z	169	AG-09-RR	OPO	2026-04-06 07:00:00+00	2026-04-09 07:00:00+00	confirmed	28500	EUR	pi_3raWe8fRw1tKc9Zq0EDjDs09	ouefja9gobmegiob30carmafc1	\N	2026-02-19 00:15:35+00	2026-02-19 00:15:35+00
174	RW-F6BJFI	3	TD-59-DL	LIS	2026-03-18 17:30:00+00	2026-03-20 16:30:00+00	confirmed	13100	EUR	pi_3M44Ae2Rw1tKc9ZqUOLQXdrj	i4iuk0n2gv367jljv4oqc1h815	\N	2026-02-19 04:02:30+00	2026-02-19 04:02:30+00
175	RW-77MC0A	170	1567 BSZ	MAD	2026-04-18 08:00:00+00	2026-04-19 08:00:00+00	confirmed	10700	EUR	pi_37ngtFoRw1tKc9ZqN7L99HVq	ur7kigjmcr5glr4iep83d7spop	Customer asked for a car with a tow bar	2026-02-19 06:29:53+00	2026-02-19 06:29:53+00
176	RW-BQRP8A	132	1864 RMM	MAD	2026-03-04 17:30:00+00	2026-03-16 17:30:00+00	confirmed	79200	EUR	pi_3crIDCvRw1tKc9Zq1ur4jul0	ib95g2tim31aipctgbvn79e51c	Will pay the fuel deposit in cash	2026-02-19 15:33:43+00	2026-02-19 15:33:43+00
177	RW-CLY1QQ	106	3139 CJP	BCN	2026-03-12 10:30:00+00	2026-03-16 10:30:00+00	confirmed	19600	EUR	pi_3YxWgnxRw1tKc9ZqLx3D7zsr	odcv10elkqjjpq3pc7h2sahna5	\N	2026-02-20 10:59:50+00	2026-02-20 10:59:50+00
178	RW-SJV73P	102	7017 RYY	MAD	2026-03-11 07:00:00+00	2026-03-13 07:00:00+00	confirmed	10400	EUR	pi_35aJ5s2Rw1tKc9Zqi53AHlaU	b5n02iag834q3gon4q5vl8f2le	\N	2026-02-21 12:16:17+00	2026-02-21 12:16:17+00
179	RW-4YAND8	171	5590 XMD	MAD	2026-04-01 07:30:00+00	2026-04-09 07:30:00+00	confirmed	25600	EUR	pi_3BlhL4YRw1tKc9Zq8wP2qkmw	gabkj4hb9ib20p8jqcbiqpsogr	\N	2026-02-21 21:56:32+00	2026-02-21 21:56:32+00
180	RW-KSJNYF	1	MM-43-ZR	LIS	2026-03-08 08:30:00+00	2026-03-11 08:00:00+00	confirmed	17100	EUR	pi_34Me4KIRw1tKc9ZqmatOivP4	idnv31vbbvo66o9dvqemfc7rfv	\N	2026-02-22 18:39:44+00	2026-02-22 18:39:44+00
181	RW-IWDYCV	172	4855 PBM	LPA	2026-03-10 19:00:00+00	2026-03-12 19:00:00+00	confirmed	7100	EUR	pi_3ysflGQRw1tKc9Zq4uzLdnY3	mig28kvspel79g3t0itfd9u61n	Will pay the fuel deposit in cash	2026-02-23 09:19:42+00	2026-02-23 09:19:42+00
182	RW-S7TUFH	173	PB-94-ZA	LIS	2026-03-01 09:00:00+00	2026-03-09 11:00:00+00	confirmed	48300	EUR	\N	ltqmk613pfhhmq14mtehh257b1	\N	2026-02-24 11:14:42+00	2026-02-24 11:14:42+00
183	RW-JP8AWH	174	5029 GXL	BCN	2026-02-26 10:00:00+00	2026-03-02 10:00:00+00	confirmed	11200	EUR	pi_3vq9bLtRw1tKc9Zq0VuO2q9x	3pa0e7ho7c76sonas3bg0nhii4	\N	2026-02-24 17:45:10+00	2026-02-24 17:45:10+00
184	RW-NODTVM	80	CJ-07-GV	LIS	2026-03-10 15:30:00+00	2026-03-20 14:30:00+00	confirmed	63500	EUR	pi_3lLX11ARw1tKc9ZqCud4owbr	vi0s4jc7gg3a39mvg0nh6jhe4t	\N	2026-02-24 21:28:07+00	2026-02-27 22:40:50+00
185	RW-D2S84Z	122	MM-43-ZR	LIS	2026-03-23 09:00:00+00	2026-03-25 09:00:00+00	confirmed	11900	EUR	pi_3bCPyK9Rw1tKc9ZqVBjIjlr9	\N	\N	2026-02-25 04:07:03+00	2026-02-25 04:07:03+00
186	RW-Y6DAPU	175	SU-48-NP	OPO	2026-03-07 10:30:00+00	2026-03-12 12:30:00+00	confirmed	29400	EUR	pi_3Dkk2eKRw1tKc9Zq8e2q37uJ	3cssvi8l1di11hlln6q7s3ugls	\N	2026-02-25 07:36:32+00	2026-02-25 07:36:32+00
187	RW-RJK0F8	176	0267 FKF	LPA	2026-04-01 09:00:00+00	2026-04-02 09:00:00+00	confirmed	4700	EUR	pi_3MCsGYaRw1tKc9ZqOVUUGNUu	hgbjatbbsb5tcj8ha5208j09vp	\N	2026-02-25 09:52:20+00	2026-02-25 09:52:20+00
188	RW-4XLTOH	177	7017 RYY	MAD	2026-04-23 12:00:00+00	2026-04-24 11:00:00+00	confirmed	5200	EUR	pi_3b81nrHRw1tKc9Zq6tIsjAhD	\N	Arriving by train; call when at the desk	2026-02-25 12:00:13+00	2026-02-25 12:00:13+00
189	RW-FS4RVA	178	MM-43-ZR	LIS	2026-04-04 09:00:00+00	2026-04-12 08:00:00+00	confirmed	49500	EUR	pi_3DxEsFXRw1tKc9ZqOUxUrUdC	kqul83lu2fkinmej0faonhk7o7	\N	2026-02-25 14:07:47+00	2026-02-25 14:07:47+00
190	RW-EY0EGE	179	TD-59-DL	LIS	2026-03-10 19:30:00+00	2026-03-21 19:30:00+00	confirmed	78500	EUR	pi_3ygn68uRw1tKc9ZqG2js3hXs	p1da93i1c4tjklh023c806hv8r	\N	2026-02-25 15:26:59+00	2026-02-25 15:26:59+00
191	RW-WBI7LD	180	RH-98-BJ	LIS	2026-04-03 13:30:00+00	2026-04-12 13:00:00+00	confirmed	30300	EUR	pi_3kkmNg1Rw1tKc9ZqWSlD4i1p	vfndhr7ngc4f11o77s7muinqdt	\N	2026-02-26 06:26:25+00	2026-02-26 06:26:25+00
192	RW-NP5R50	181	0411 GMV	LPA	2026-03-08 17:30:00+00	2026-03-12 16:30:00+00	confirmed	17100	EUR	pi_3Rw2ZZRRw1tKc9ZqLrXDyzrd	7hfhnuq6cbumjkvnkhpdm4qa93	\N	2026-02-27 13:56:08+00	2026-02-27 13:56:08+00
193	RW-VVMIYN	26	NH-54-DC	OPO	2026-03-05 15:00:00+00	2026-03-10 15:00:00+00	confirmed	14000	EUR	pi_3T8DdjFRw1tKc9ZqgcCutiST	2rs2mha499si5o41lh9l2p3jfj	\N	2026-02-27 15:57:15+00	2026-02-27 15:57:15+00
194	RW-Q52T2D	140	SU-48-NP	OPO	2026-03-16 08:00:00+00	2026-03-24 07:00:00+00	confirmed	39200	EUR	pi_370fGpURw1tKc9Zqy1OXT1hE	\N	\N	2026-02-28 01:45:46+00	2026-02-28 01:45:46+00
195	RW-HP9RUK	37	RH-98-BJ	LIS	2026-03-09 16:30:00+00	2026-03-14 18:30:00+00	confirmed	20700	EUR	pi_3kJ9zS3Rw1tKc9Zqzxlqod7d	sghhbb249b589k2kap8h38jhl9	Second driver: same surname\nLicence checked	2026-02-28 08:21:11+00	2026-02-28 08:21:11+00
196	RW-3FYMTU	162	XF-48-DZ	FAO	2026-03-05 08:30:00+00	2026-03-14 08:00:00+00	confirmed	48300	EUR	pi_3qUdnJeRw1tKc9ZqYZSVZXzi	gh7uf8rl3lphcjh8i0v1jdrnop	\N	2026-02-28 09:41:37+00	2026-02-28 09:41:37+00
197	RW-8DJW7P	183	RH-98-BJ	LIS	2026-03-30 16:00:00+00	2026-04-01 15:00:00+00	confirmed	9500	EUR	pi_3MwHKpoRw1tKc9ZqRUfks5Ru	o6u7481l10avenrkdcqtj224mh	\N	2026-02-28 17:00:42+00	2026-03-01 23:08:24+00
198	RW-0CY1CL	27	EH-93-VZ	FAO	2026-03-02 10:30:00+00	2026-03-09 10:30:00+00	confirmed	23900	EUR	pi_3VhQpJ9Rw1tKc9ZqEHdiNsXu	bee05slrejmsbke2elk593ug0g	\N	2026-02-28 23:47:15+00	2026-02-28 23:47:15+00
199	RW-G9X8PQ	12	QB-01-EP	FAO	2026-03-12 19:30:00+00	2026-03-17 19:30:00+00	confirmed	33500	EUR	pi_3a9AIoVRw1tKc9ZqHMpa1Jdi	caondeut10ednfed4ftih90u79	\N	2026-03-01 06:05:26+00	2026-03-01 06:05:26+00
200	RW-2OOW54	64	0267 FKF	LPA	2026-03-12 12:30:00+00	2026-03-13 11:30:00+00	confirmed	5200	EUR	pi_3MQTCLyRw1tKc9Zq7xzIWLZd	0scku5cl8kp5o804vmpns3me2i	\N	2026-03-01 18:29:26+00	2026-03-01 18:29:26+00
\.


--
-- TOC entry 3384 (class 0 OID 16429)
-- Dependencies: 215
-- Data for Name: vehicles; Type: TABLE DATA; Schema: public; Owner: rentwise
--

COPY public.vehicles (plate, model, category, home_location_code, daily_rate_cents) FROM stdin;
QJ-31-ID	Toyota Corolla Hybrid	Compact	LIS	4900
MM-43-ZR	Škoda Octavia Combi	Estate	LIS	5200
HO-79-JF	Citroën Berlingo	Van	LIS	5800
MV-33-QB	Seat Ibiza	Economy	LIS	3100
TD-59-DL	Citroën Berlingo	Van	LIS	5800
JO-01-US	BMW 320d	Premium	LIS	9500
UH-20-MA	Fiat 500	Mini	LIS	2800
GT-56-EX	Renault Clio	Economy	LIS	3200
PB-94-ZA	Škoda Octavia Combi	Estate	LIS	5200
RH-98-BJ	Renault Clio	Economy	LIS	3200
CJ-07-GV	Nissan Qashqai	SUV	LIS	6200
AG-09-RR	BMW 320d	Premium	OPO	9500
SU-48-NP	Toyota Corolla Hybrid	Compact	OPO	4900
CG-08-UQ	Citroën Berlingo	Van	OPO	5800
NH-54-DC	Fiat 500	Mini	OPO	2800
RF-97-PF	Škoda Octavia Combi	Estate	OPO	5200
EH-93-VZ	Renault Clio	Economy	FAO	3200
XF-48-DZ	Škoda Octavia Combi	Estate	FAO	5200
UQ-05-QU	Fiat 500	Mini	FAO	2800
BE-02-MB	BMW 320d	Premium	FAO	9500
QB-01-EP	Škoda Octavia Combi	Estate	FAO	5200
1864 RMM	Citroën Berlingo	Van	MAD	5800
1567 BSZ	BMW 320d	Premium	MAD	9500
2928 MMZ	Citroën Berlingo	Van	MAD	5800
7017 RYY	Škoda Octavia Combi	Estate	MAD	5200
8914 YVK	Fiat 500	Mini	MAD	2800
4415 ZCJ	Nissan Qashqai	SUV	MAD	6200
5590 XMD	Renault Clio	Economy	MAD	3200
5757 WYB	BMW 320d	Premium	BCN	9500
3139 CJP	Toyota Corolla Hybrid	Compact	BCN	4900
2857 KWF	Tesla Model 3	Premium	BCN	8900
5029 GXL	Fiat 500	Mini	BCN	2800
0267 FKF	Renault Clio	Economy	LPA	3200
0411 GMV	Peugeot 208	Economy	LPA	3400
4855 PBM	Fiat 500	Mini	LPA	2800
2281 MGS	Renault Clio	Economy	LPA	3200
\.


--
-- TOC entry 3399 (class 0 OID 0)
-- Dependencies: 216
-- Name: customers_id_seq; Type: SEQUENCE SET; Schema: public; Owner: rentwise
--

SELECT pg_catalog.setval('public.customers_id_seq', 183, true);


--
-- TOC entry 3400 (class 0 OID 0)
-- Dependencies: 220
-- Name: payments_id_seq; Type: SEQUENCE SET; Schema: public; Owner: rentwise
--

SELECT pg_catalog.setval('public.payments_id_seq', 205, true);


--
-- TOC entry 3401 (class 0 OID 0)
-- Dependencies: 218
-- Name: reservations_id_seq; Type: SEQUENCE SET; Schema: public; Owner: rentwise
--

SELECT pg_catalog.setval('public.reservations_id_seq', 200, true);


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


-- Completed on 2026-03-02 03:00:01 UTC

--
-- PostgreSQL database dump complete
--

\unrestrict IDzuTHeRvkS0hV2ZzXtnDQDf2KF1JlSjrJKU1EKPpBcw0TtzS1XEvl1S5peJIN9

