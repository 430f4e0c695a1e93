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
10	jorg.schroder66@gmx.example	Jörg Schröder	+4917638598299	en	cus_xM1LHbrdpDvwPE	2025-01-15 03:29:02+00	2026-01-02 11:52:04+00
11	zoerousseau@laposte.example	Zoé Rousseau	+33624256543	en	cus_JjNiJ9Jz3CLVie	2025-02-02 13:39:58+00	2025-02-02 13:46:23+00
12	chloe_davies89@btinternet.example	Chloë Davies	+447520045774	en	cus_JF5E5F787bbgRO	2025-02-09 10:27:55+00	2025-02-09 10:36:04+00
13	jurgen_schafer69@gmx.example	Jürgen Schäfer	+4915231281838	en	\N	2025-02-12 22:55:22+00	2025-02-12 22:55:22+00
14	gaelle_moreau93@laposte.example	Gaëlle Moreau	+33614338627	en	cus_AbsSxCeFTXaKjJ	2025-02-21 23:22:05+00	2025-12-13 16:17:38+00
15	l.bianchi@virgilio.example	Lorenzo Bianchi	+393209079490	en	cus_8qjTHmvst8R47K	2025-02-24 03:19:39+00	2025-02-24 03:41:46+00
16	lena.schroder78@gmx.example	Lena Schröder	+4915772564446	en	cus_1RaUw5eKiYbyQr	2025-03-09 11:55:06+00	2025-03-09 12:04:45+00
17	luciafernandez@gmail.example	Lucía Fernández García	+34725689639	es	cus_l4LogeKztrLw9E	2025-03-10 04:21:39+00	2026-02-10 16:29:07+00
18	l.fernandez@hotmail.example	Lucía Fernández Ruiz	+34733710735	es	cus_xbwxdNCloMegnc	2025-03-19 07:22:49+00	2025-03-19 07:57:47+00
19	andresruiz@hotmail.example	Andrés Ruiz Sánchez	+34726536134	es	\N	2025-03-21 08:02:16+00	2025-03-21 08:02:16+00
20	conceicaogoncalves@gmail.example	Conceição Gonçalves Lopes	+351966470328	pt	cus_AbwiIw6YWvOpZ3	2025-03-22 22:01:55+00	2025-03-22 22:20:28+00
21	amelia.jones@btinternet.example	Amelia Jones	+447520179715	en	cus_4ljus0jQOtmjYG	2025-03-23 13:17:27+00	2026-02-15 11:10:48+00
22	inigo_perez76@telefonica.example	Íñigo Pérez Ruiz	+34721922813	es	cus_hDvWYleHsXUvDG	2025-03-23 23:20:41+00	2025-03-23 23:38:39+00
23	l.rodrigues@gmail.example	Luís Rodrigues Araújo	+351928683753	pt	cus_r95CrSypGcEaUk	2025-04-01 21:13:58+00	2025-04-01 21:16:48+00
24	lea_lemaitre91@gmail.example	Léa Lemaître	+33628097804	en	cus_fsjZzdpoVMpEg8	2025-04-03 04:15:50+00	2025-12-04 11:58:42+00
25	zoeobrien@outlook.example	Zoë O'Brien	+447411243528	en	cus_P0Yn5pUIUOYL6k	2025-04-10 17:43:11+00	2025-12-03 02:17:52+00
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
37	c.beranger@free.example	Chloé Béranger	+33662265329	en	cus_W6WqIcRbpnQgJn	2025-08-07 00:36:32+00	2026-02-12 02:22:43+00
38	alvaroibanez@telefonica.example	Álvaro Ibáñez Peña	+34716842964	es	cus_H0BBoQE88FqeSy	2025-08-10 13:30:25+00	2025-08-10 14:09:20+00
39	pilar.ruiz@hotmail.example	Pilar Ruiz Muñoz	+34603979402	es	cus_B5tJA0Sasz0AZQ	2025-08-17 06:52:06+00	2025-08-17 07:44:06+00
40	jose.sanchez13@hotmail.example	José Luis Sánchez	+34744519809	es	cus_QSCzTxBP7mgnmx	2025-08-21 04:46:46+00	2025-08-21 05:08:53+00
41	joao.gomes32@sapo.example	João Gomes	+351922688758	pt	\N	2025-08-21 16:34:38+00	2025-08-21 16:34:38+00
42	luciaruiz@gmail.example	Lucía Ruiz Fernández	+34722447352	es	cus_ZTu2deT7APVkrc	2025-08-22 20:44:21+00	2025-08-22 21:25:43+00
43	ana.sa@outlook.example	Ana Sá Brandão	+351917862090	pt	\N	2025-08-28 10:48:08+00	2025-08-28 10:48:08+00
44	b.schroder@t-online.example	Björn Schröder	+4915100034899	en	cus_AwFOUD72MuBSCr	2025-09-20 16:40:53+00	2025-09-20 17:29:50+00
45	begona.gomez93@yahoo.example	Begoña Gómez Sánchez	+34740191127	es	cus_UAslPvypfcavOU	2025-09-21 13:12:31+00	2026-01-09 21:42:34+00
46	i.gomez@gmail.example	Íñigo Gómez Castaño	+34711584221	es	cus_awpJafJzs7dkTa	2025-09-22 01:43:33+00	2025-09-22 02:00:19+00
47	jeromelemaitre@laposte.example	Jérôme Lemaître	+33610535483	en	cus_mudImpH009K23U	2025-09-27 14:41:40+00	2025-09-27 15:08:29+00
48	helenerousseau@laposte.example	Hélène Rousseau	+33611156763	en	cus_gtujZqS6hr4se0	2025-09-30 14:40:05+00	2026-01-21 03:36:14+00
49	goncalo.conceicao95@hotmail.example	Gonçalo Conceição	+351931363064	pt	cus_0SfYfwLjQesoyu	2025-10-05 19:54:14+00	2025-10-05 20:32:02+00
50	maria_lopez67@telefonica.example	María José López Ibáñez	+34731514656	es	cus_5dQNNtfHk2F6A2	2025-10-12 18:35:32+00	2025-10-12 19:34:34+00
51	liam.obrien@gmail.example	Liam O'Brien	+447411538247	en	cus_vCouR2jdwajnAN	2025-10-14 01:56:20+00	2025-10-14 02:15:06+00
52	jorg.kohler47@gmail.example	Jörg Köhler	+4915734962387	en	cus_evDJ5VABqOr4ve	2025-10-18 09:11:14+00	2026-02-04 09:15:31+00
53	lucia.gomez29@yahoo.example	Lucía Gómez Ibáñez	+34723565002	es	cus_9EyJCW9q2Oz7U0	2025-10-26 08:31:00+00	2025-10-26 08:57:07+00
54	matteo_rossi63@gmail.example	Matteo Rossi	+393403329185	en	\N	2025-10-31 04:45:39+00	2025-10-31 04:45:39+00
55	c.macdonald@yahoo.example	Chloë MacDonald	+447777270250	en	cus_ikQy24guI4zqM6	2025-10-31 18:42:54+00	2025-10-31 19:01:40+00
56	jerome.girard70@laposte.example	Jérôme Girard	+33661634789	en	cus_WuCJl86VR2CDby	2025-11-06 14:54:05+00	2026-02-06 05:11:53+00
57	ines_gomes93@outlook.example	Inês Gomes Magalhães	+351938836066	pt	cus_cG0g4eWjIWCccV	2025-11-17 02:43:15+00	2026-01-21 23:26:53+00
58	inigo.jimenez21@yahoo.example	Íñigo Jiménez Núñez	+34717847451	es	cus_44bNG92kSNQKRQ	2025-11-28 05:52:26+00	2025-11-28 06:28:58+00
59	marialopez@yahoo.example	María José López	+34748882195	es	cus_lYZoDG0CcdLMWW	2025-11-30 18:05:42+00	2025-11-30 18:56:09+00
60	sofia.araujo40@gmail.example	Sofia Araújo Silva	+351920557506	pt	\N	2025-11-30 22:03:09+00	2025-11-30 22:03:09+00
61	leonor_simoes85@sapo.example	Leonor Simões Conceição	+351969112849	pt	cus_mHjEBW2uxqgSBU	2025-12-02 04:09:22+00	2025-12-02 04:34:18+00
62	jurgenschafer@web.example	Jürgen Schäfer	+4917666378762	en	cus_R5vvgGm4HQ7I9Q	2025-12-02 06:03:20+00	2025-12-02 06:22:45+00
63	pilar_fernandez73@telefonica.example	Pilar Fernández Ruiz	+34631642463	es	cus_LOb2NoJssogAK4	2025-12-02 17:50:57+00	2025-12-02 18:20:19+00
64	s.silva@outlook.example	Sofia Silva	+351923888467	pt	cus_dVF2WwGaZ268h7	2025-12-03 09:55:47+00	2025-12-03 10:13:15+00
65	conceicao.araujo8@outlook.example	Conceição Araújo Lopes	+351920609850	pt	cus_K10hquCkiqofbu	2025-12-04 00:49:22+00	2025-12-04 00:57:28+00
66	francois_rousseau60@laposte.example	François Rousseau	+33755604991	en	cus_uuPo1uNmkPBHsU	2025-12-04 23:37:48+00	2025-12-05 00:05:24+00
67	lukas.wagner84@gmx.example	Lukas Wagner	+4917664641706	en	cus_piNJ1jyFmRvTgd	2025-12-05 03:32:39+00	2025-12-05 03:39:39+00
68	c.rodrigues@hotmail.example	Catarina Rodrigues Gonçalves	+351925574937	pt	cus_Ecgd96LDLoZtH7	2025-12-05 06:12:46+00	2025-12-05 06:31:44+00
69	margarida_magalhaes95@gmail.example	Margarida Magalhães Ferreira	+351912125833	pt	cus_gdrZGfHNOtgQoZ	2025-12-06 07:56:56+00	2025-12-06 08:04:01+00
70	chloe.williams@gmail.example	Chloë Williams	+447400372962	en	cus_EOIDw9u6qGgeMR	2025-12-06 18:44:58+00	2025-12-06 19:11:31+00
71	andresperez@yahoo.example	Andrés Pérez	+34719990602	es	cus_zPtVTEVgnPRfZM	2025-12-06 20:13:27+00	2025-12-06 20:43:13+00
72	inigo.pena@hotmail.example	Íñigo Peña Sánchez	+34738156166	es	cus_LBYf3UBoMXxzqy	2025-12-07 17:25:37+00	2025-12-07 17:27:52+00
73	alvaro.garcia4@hotmail.example	Álvaro García	+34717015740	es	cus_K3C1xrRfKkhwjm	2025-12-10 05:30:56+00	2025-12-10 05:58:19+00
74	sanne_devries78@kpnmail.example	Sanne de Vries	+31620273737	en	cus_4DaoTvJDUy1lLX	2025-12-10 06:57:03+00	2026-01-17 16:33:10+00
75	joana_conceicao60@gmail.example	Joana Conceição	+351929357175	pt	cus_HuuqgXlgyYx3oH	2025-12-10 19:48:31+00	2026-01-06 09:35:30+00
76	rui.lopes85@outlook.example	Rui Lopes Magalhães	+351960602340	pt	cus_RYE00Tht1oReL9	2025-12-10 23:05:43+00	2025-12-10 23:26:24+00
77	chiara.bianchi@virgilio.example	Chiara Bianchi	+393401257434	en	\N	2025-12-11 06:59:48+00	2025-12-11 06:59:48+00
78	anna.muller@web.example	Anna Müller	+4917653115811	en	cus_Vrpgnm4m2nKFSb	2025-12-12 13:56:51+00	2025-12-12 14:01:45+00
79	elenagomez@yahoo.example	Elena Gómez López	+34742682775	es	cus_Zj5Yj6DKNyGe5t	2025-12-13 13:54:02+00	2025-12-13 14:05:42+00
80	chloeberanger@orange.example	Chloé Béranger	+33756925098	en	cus_YjivLAV1aODEo4	2025-12-14 16:54:19+00	2025-12-14 17:11:04+00
81	carmen.lopez@telefonica.example	Carmen López	+34735909341	es	cus_zD5WmX2IC2cnzE	2025-12-16 06:39:08+00	2025-12-16 06:48:38+00
82	begona.ruiz@gmail.example	Begoña Ruiz	+34737199441	es	cus_nKTTiQ4YJVYVsc	2025-12-16 13:29:52+00	2025-12-16 13:34:55+00
83	antonio.lourenco20@gmail.example	António Lourenço	+351926449332	pt	cus_YqZyejeZ7wlkzd	2025-12-16 17:56:48+00	2025-12-16 18:22:16+00
84	g.rousseau@orange.example	Gaëlle Rousseau	+33624070284	en	cus_yiBHcRPh1xEetj	2025-12-16 18:59:40+00	2025-12-16 19:11:27+00
85	sanne.bakker75@ziggo.example	Sanne Bakker	+31611370021	en	cus_YJrFpDURmfHEI1	2025-12-19 05:24:25+00	2025-12-19 05:44:24+00
86	leonor_gomes62@outlook.example	Leonor Gomes Rodrigues	+351916620788	pt	cus_eijyW9d3ocZ7mN	2025-12-19 07:27:41+00	2025-12-19 07:40:26+00
87	sergio.garcia@yahoo.example	Sergio García Castaño	+34720650801	es	cus_S2Ixy0hQCt0QRp	2025-12-19 21:18:35+00	2025-12-19 21:47:07+00
88	goncalomagalhaes@outlook.example	Gonçalo Magalhães	+351935761930	pt	cus_kkt2T4dVJdB2i9	2025-12-21 01:00:13+00	2025-12-21 01:28:35+00
89	joost.visser19@kpnmail.example	Joost Visser	+31653082563	en	cus_3p2kH42Ncrnrqp	2025-12-21 21:23:56+00	2025-12-21 21:30:30+00
90	mariaperez@hotmail.example	María José Pérez	+34670168585	es	cus_y0VzAzeIzkFtsC	2025-12-22 05:13:14+00	2025-12-22 05:41:19+00
91	zoe.davies83@gmail.example	Zoë Davies	+447411837200	en	cus_y1cl9u55a1uqA7	2025-12-22 08:39:52+00	2025-12-22 08:57:33+00
92	ruiconceicao@hotmail.example	Rui Conceição Araújo	+351921784722	pt	\N	2025-12-23 18:44:54+00	2025-12-23 18:44:54+00
93	benoit_lemaitre70@laposte.example	Benoît Lemaître	+33756407313	en	cus_7qZFW5gPDaphRc	2025-12-24 00:01:21+00	2025-12-24 00:30:52+00
94	j.brandao@outlook.example	João Brandão	+351925039085	pt	cus_5I7Recsu2cIfCc	2025-12-24 03:55:29+00	2025-12-24 04:12:02+00
95	e.martinez@yahoo.example	Elena Martínez Sánchez	+34715998148	es	cus_hHOfu3blFwILjh	2025-12-25 13:52:39+00	2025-12-25 14:22:46+00
96	r.rodrigues@sapo.example	Rui Rodrigues Lopes	+351962124325	pt	cus_zvr2YX0Dl4g1Rt	2025-12-26 01:07:58+00	2025-12-26 01:18:52+00
97	jurgen.schroder68@web.example	Jürgen Schröder	+4915213074885	en	cus_heZD1MQlSxU8gM	2025-12-26 03:34:22+00	2025-12-26 04:01:47+00
98	a.sa@hotmail.example	Ana Sá Gomes	+351931142265	pt	cus_0FPXeTxLx23oJU	2025-12-27 12:52:29+00	2025-12-27 13:08:18+00
99	lukaswagner@web.example	Lukas Wagner	+4917662892945	en	cus_wVY70Pbp43zRCv	2025-12-29 13:22:46+00	2025-12-29 13:32:41+00
100	a.perez@gmail.example	Álvaro Pérez López	+34738683081	es	\N	2025-12-29 20:24:52+00	2025-12-29 20:24:52+00
101	alvaro_pena91@yahoo.example	Álvaro Peña	+34734321053	es	cus_bmGtU9TxdeiphP	2025-12-30 02:53:33+00	2025-12-30 03:02:57+00
102	joost.vandijk@gmail.example	Joost van Dijk	+31618154657	en	cus_gtLulfGZhpQaT0	2025-12-30 18:45:35+00	2025-12-30 19:03:11+00
103	b.jansen@gmail.example	Bram Jansen	+31654106843	en	cus_AAHMEM7j4WMMji	2025-12-31 06:27:54+00	2025-12-31 06:39:15+00
104	raul_fernandez87@gmail.example	Raúl Fernández Castaño	+34733942222	es	cus_2Z45BKnaF4WuCT	2026-01-01 20:18:38+00	2026-01-01 20:44:00+00
105	pilar_jimenez76@telefonica.example	Pilar Jiménez Núñez	+34717226524	es	cus_TMuihUhiLyEsMH	2026-01-06 09:32:18+00	2026-01-06 09:40:09+00
106	a.williams@btinternet.example	Amelia Williams	+447520449318	en	cus_abvucN5UHVwUrh	2026-01-07 01:23:33+00	2026-01-07 01:37:47+00
107	zoe_faure89@orange.example	Zoé Faure	+33622518933	en	cus_RRkqLhsNvfum4H	2026-01-08 18:51:50+00	2026-01-25 15:27:08+00
108	antonio.araujo16@hotmail.example	António Araújo	+351935594106	pt	\N	2026-01-09 05:23:04+00	2026-01-09 05:23:04+00
109	kathe.hoffmann@gmail.example	Käthe Hoffmann	+4915772380744	en	cus_d2CXDLy1vtbhSP	2026-01-09 11:50:47+00	2026-01-09 12:16:32+00
110	jose.sa@hotmail.example	José Sá Simões	+351923798398	pt	cus_Oxcb5G7IvBfR82	2026-01-10 00:06:25+00	2026-01-10 00:11:12+00
111	chloe.rousseau69@orange.example	Chloé Rousseau	+33651007067	en	cus_oehZHs4Dcw3Nxs	2026-01-10 04:00:19+00	2026-01-10 04:19:20+00
112	n.ruiz@hotmail.example	Nuria Ruiz Jiménez	+34739668770	es	cus_8O6kvbY5eaKwYu	2026-01-10 08:31:06+00	2026-01-10 08:51:36+00
113	liamtaylor@outlook.example	Liam Taylor	+447411881173	en	cus_wT73o0sofXhM7i	2026-01-10 17:01:21+00	2026-01-10 17:12:57+00
114	sofia_conceicao86@outlook.example	Sofia Conceição	+351968148650	pt	cus_I21k3FLkHbzQwv	2026-01-10 20:00:58+00	2026-01-10 20:30:32+00
115	j.vandenberg@kpnmail.example	Joost van den Berg	+31648551902	en	cus_lgrN2tj8mavODm	2026-01-13 09:49:23+00	2026-01-13 10:06:23+00
116	leonor.conceicao@sapo.example	Leonor Conceição	+351919105200	pt	cus_M2bJrkonPKOSz5	2026-01-15 10:51:28+00	2026-01-15 11:14:36+00
117	zoe_faure61@laposte.example	Zoé Faure	+33656570802	en	\N	2026-01-15 14:14:45+00	2026-01-15 14:14:45+00
118	nuria.lopez60@gmail.example	Nuria López	+34725194686	es	cus_rSEo65wcgdNaeb	2026-01-16 03:23:20+00	2026-01-16 03:31:27+00
119	s.lopez@yahoo.example	Sergio López Sánchez	+34732274637	es	\N	2026-01-17 01:25:28+00	2026-01-17 01:25:28+00
120	luis.araujo87@outlook.example	Luís Araújo	+351969390963	pt	\N	2026-01-18 01:31:11+00	2026-01-18 01:31:11+00
121	zoe.lefevre@orange.example	Zoé Lefèvre	+33671834688	en	cus_qLeFKs8tV1Bt2g	2026-01-18 08:01:12+00	2026-01-18 08:24:48+00
122	catarina.conceicao@outlook.example	Catarina Conceição Magalhães	+351917074907	pt	cus_6Qr4rRbccI2xhn	2026-01-18 20:21:13+00	2026-01-18 20:33:53+00
123	sofia_martinez81@hotmail.example	Sofía Martínez Ruiz	+34718764428	es	cus_gH40GDAm4UmkGn	2026-01-20 03:18:13+00	2026-01-20 03:25:04+00
124	inigolopez@yahoo.example	Íñigo López Sánchez	+34741039047	es	cus_MDQ1TxOsWkIX4C	2026-01-21 12:25:10+00	2026-01-21 12:51:58+00
125	a.simoes@outlook.example	António Simões	+351929621990	pt	cus_f8ebMru5txef0E	2026-01-23 00:13:04+00	2026-01-23 00:36:20+00
126	andres.lopez8@hotmail.example	Andrés López	+34736390098	es	cus_B07Qb38PhuKlud	2026-01-23 21:30:01+00	2026-01-23 21:48:18+00
127	siobhanevans@yahoo.example	Siobhán Evans	+447520676759	en	cus_KaSGNusF4nLr8x	2026-01-24 01:58:31+00	2026-01-24 02:15:44+00
128	jerome.girard@orange.example	Jérôme Girard	+33659477138	en	cus_78b92fQ9et7D9l	2026-01-24 18:39:13+00	2026-01-24 18:58:42+00
129	matteo.ricci@libero.example	Matteo Ricci	+393477399495	en	cus_I9BRZtZiPMcQMq	2026-01-26 14:20:43+00	2026-01-26 14:26:25+00
130	giulia_rossi88@libero.example	Giulia Rossi	+393407376801	en	cus_AmdnAzr9UVnT5I	2026-01-27 17:58:05+00	2026-01-27 18:04:48+00
131	sofiaibanez@telefonica.example	Sofía Ibáñez	+34735046761	es	\N	2026-01-28 21:44:54+00	2026-01-28 21:44:54+00
132	raulibanez@yahoo.example	Raúl Ibáñez	+34740877515	es	cus_VvBI7zudaVAlab	2026-01-29 21:44:26+00	2026-01-29 21:49:30+00
133	siobhan_obrien79@btinternet.example	Siobhán O'Brien	+447400511603	en	\N	2026-01-30 14:20:18+00	2026-01-30 14:20:18+00
134	jurgen.kohler75@t-online.example	Jürgen Köhler	+4915709738224	en	cus_14qv3CYA09GFUy	2026-02-01 06:23:54+00	2026-02-01 06:53:11+00
135	e.martinez396@yahoo.example	Elena Martínez	+34648883585	es	cus_XafuIfmHlDrnUL	2026-02-02 11:36:41+00	2026-02-07 20:26:59+00
136	femke_devries96@ziggo.example	Femke de Vries	+31638537989	en	cus_iYg9D8rs8qRNVW	2026-02-02 22:07:11+00	2026-02-02 22:14:04+00
137	bram.vandenberg@gmail.example	Bram van den Berg	+31612624056	en	cus_VPLP2bKtuXA25n	2026-02-03 10:01:48+00	2026-02-03 10:20:41+00
138	javier.lopez72@hotmail.example	Javier López García	+34727011273	es	cus_wkpfntTKNUGwzi	2026-02-03 16:32:54+00	2026-02-03 16:46:15+00
139	zoegirard@free.example	Zoé Girard	+33623919766	en	cus_YenMYMNALuwUAg	2026-02-04 16:32:47+00	2026-02-04 16:35:53+00
140	carmen.castano5@yahoo.example	Carmen Castaño Gómez	+34720407836	es	cus_a3gpLqL2jdKQe2	2026-02-05 02:54:26+00	2026-02-05 03:00:43+00
141	carmen.perez@telefonica.example	Carmen Pérez Jiménez	+34717101396	es	cus_vb33WlTIULsVS8	2026-02-05 15:20:41+00	2026-02-05 15:28:19+00
142	t.williams@outlook.example	Thomas Williams	+447777199648	en	cus_4kY8Nr1Krz7EIt	2026-02-06 04:34:52+00	2026-02-06 04:42:38+00
143	o.davies@outlook.example	Oliver Davies	+447520716208	en	cus_m1Yn5rKP3xnLwQ	2026-02-06 21:17:15+00	2026-02-06 21:42:19+00
144	bjorngross@t-online.example	Björn Groß	+4917681181286	en	cus_GzQEG23KHVmmGj	2026-02-06 21:40:16+00	2026-02-06 21:59:36+00
145	k.gross@t-online.example	Käthe Groß	+4915143328791	en	cus_6nJf14HgUV3xXy	2026-02-06 22:32:09+00	2026-02-06 22:55:11+00
146	lucia_jimenez65@yahoo.example	Lucía Jiménez	+34717240264	es	\N	2026-02-07 06:26:30+00	2026-02-07 06:26:30+00
147	rui.magalhaes36@sapo.example	Rui Magalhães Fonseca	+351927769246	pt	cus_sPuCUVTittcrIU	2026-02-07 08:44:45+00	2026-02-07 09:02:25+00
148	d.lourenco@gmail.example	Diogo Lourenço Gonçalves	+351968271173	pt	cus_2U5v4B7QKaE14x	2026-02-09 08:11:46+00	2026-02-09 08:34:56+00
149	l.wagner@t-online.example	Lena Wagner	+4917630837724	en	cus_ngBiSwqnuQzNuH	2026-02-10 04:58:59+00	2026-02-10 05:22:46+00
150	catarinalourenco@sapo.example	Catarina Lourenço	+351918733835	pt	\N	2026-02-10 12:22:42+00	2026-02-10 12:22:42+00
151	siobhan_jones97@btinternet.example	Siobhán Jones	+447520931853	en	cus_BI5UuklcfWpd7r	2026-02-10 14:32:14+00	2026-02-10 14:56:08+00
152	javier.martinez7@hotmail.example	Javier Martínez Gómez	+34714465845	es	cus_Ln6OAedn0gtsDa	2026-02-10 14:53:08+00	2026-02-10 15:18:42+00
153	begona.fernandez@yahoo.example	Begoña Fernández Gómez	+34635671110	es	\N	2026-02-10 20:10:58+00	2026-02-10 20:10:58+00
154	helenelefevre@laposte.example	Hélène Lefèvre	+33612412630	en	\N	2026-02-11 22:54:57+00	2026-02-11 22:54:57+00
155	sanne_devries64@gmail.example	Sanne de Vries	+31638461678	en	cus_dDcMmu5KOBDcUD	2026-02-12 15:47:48+00	2026-02-12 16:02:04+00
156	s.becker@t-online.example	Sören Becker	+4915112719709	en	cus_IoHgMmHXXSepjf	2026-02-13 20:52:32+00	2026-02-13 21:17:00+00
157	benoit.dubois@laposte.example	Benoît Dubois	+33677901155	en	\N	2026-02-14 15:36:47+00	2026-02-14 15:36:47+00
158	jack_davies90@outlook.example	Jack Davies	+447520594183	en	cus_8vF9YF7w44xG9p	2026-02-14 17:21:56+00	2026-02-14 17:51:39+00
159	jeromerousseau@gmail.example	Jérôme Rousseau	+33655175443	en	cus_w7GWcrOjMaFvTx	2026-02-15 12:43:21+00	2026-02-15 13:07:33+00
160	jackoconnor@yahoo.example	Jack O'Connor	+447520700034	en	cus_6dNTMdVZanvOFm	2026-02-15 16:53:29+00	2026-02-15 17:19:29+00
161	l.wagner@gmx.example	Lena Wagner	+4915756569426	en	cus_M2OdmfSbtn2dza	2026-02-18 11:24:20+00	2026-02-18 11:41:06+00
162	jose_sa67@sapo.example	José Sá Santos	+351939156499	pt	cus_Ci0CewPceiIEpQ	2026-02-18 17:37:41+00	2026-02-18 17:44:11+00
163	harrybrown@btinternet.example	Harry Brown	+447777061898	en	cus_ao8Xxi0HQkh8hZ	2026-02-19 00:10:04+00	2026-02-19 00:15:39+00
164	a.lefevre@gmail.example	Amélie Lefèvre	+33675093278	en	cus_0kttegdJD8ZfoG	2026-02-19 03:56:00+00	2026-02-19 04:02:32+00
165	conceicaopereira@sapo.example	Conceição Pereira Conceição	+351925477660	pt	cus_TdbydjHmFjhr7V	2026-02-19 06:08:45+00	2026-02-19 06:29:59+00
166	liam.williams41@yahoo.example	Liam Williams	+447777258230	en	cus_Se4cSUFICyhSJK	2026-02-20 10:43:15+00	2026-02-20 10:59:58+00
167	leonormagalhaes@sapo.example	Leonor Magalhães	+351934925447	pt	cus_dDAV4itNDqvrhG	2026-02-21 12:04:36+00	2026-02-21 12:16:22+00
168	l.rossi@gmail.example	Lorenzo Rossi	+393404919558	en	\N	2026-02-21 21:29:24+00	2026-02-21 21:29:24+00
169	jack.evans@btinternet.example	Jack Evans	+447411030820	en	cus_unKQJFRyNuTLGz	2026-02-22 18:23:07+00	2026-02-22 18:39:50+00
170	carmenlopez@telefonica.example	Carmen López Martínez	+34665726547	es	cus_MOJhZT8aSDOnqP	2026-02-24 17:33:28+00	2026-02-24 17:45:13+00
171	raul.perez@gmail.example	Raúl Pérez Peña	+34643049608	es	cus_6pBgG7JCTeVgvg	2026-02-25 11:48:20+00	2026-02-25 12:00:20+00
172	mariana_magalhaes63@sapo.example	Mariana Magalhães Pereira	+351926767914	pt	\N	2026-02-26 06:14:54+00	2026-02-26 06:14:54+00
173	conceicao.sa@sapo.example	Conceição Sá Simões	+351925995617	pt	cus_g1bOjZtP4IZZ6c	2026-02-27 13:51:32+00	2026-02-27 13:56:10+00
174	ines.fonseca@gmail.example	Inês Fonseca	+351925482834	pt	\N	2026-02-28 03:00:53+00	2026-02-28 03:00:53+00
175	j.gross@gmail.example	Jürgen Groß	+4915217296792	en	cus_6tIsjAhDNmRI5O	2026-02-28 08:14:14+00	2026-02-28 08:21:16+00
176	inigo.martinez@yahoo.example	Íñigo Martínez	+34736040735	es	cus_FOyS1GVWy8KY78	2026-02-28 09:26:05+00	2026-02-28 09:41:42+00
177	l.rodrigues@sapo.example	Luís Rodrigues Fonseca	+351937016445	pt	cus_3hXs7zRziVA4tk	2026-02-28 16:56:08+00	2026-02-28 17:00:45+00
178	lotte.devries74@kpnmail.example	Lotte de Vries	+31630262334	en	cus_2ZZRLrXDyzrduu	2026-03-01 18:17:24+00	2026-03-01 18:29:32+00
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
2	3	charge	ch_3vfoulqRw1tKc9ZqoN0tMHLS	\N	17000	EUR	succeeded	2025-12-02 06:22:54+00
3	4	charge	ch_3WAbMqiRw1tKc9ZqD3UhWpXr	\N	22000	EUR	succeeded	2025-12-02 18:21:31+00
4	5	charge	ch_3KcjpSuRw1tKc9Zq1uUxO8Zt	\N	58800	EUR	succeeded	2025-12-03 02:18:31+00
5	6	charge	ch_3ULpAHgRw1tKc9ZqejyRPThL	\N	11900	EUR	succeeded	2025-12-03 10:13:38+00
6	7	charge	ch_3TyYf1PRw1tKc9ZqG06K57Y5	\N	23200	EUR	succeeded	2025-12-04 00:58:28+00
7	8	charge	ch_3BZognQRw1tKc9ZqwO3dsMmj	\N	39500	EUR	succeeded	2025-12-04 11:59:17+00
8	9	charge	ch_34lmlKKRw1tKc9ZqgiDnDMpx	\N	60300	EUR	succeeded	2025-12-05 00:06:47+00
9	10	charge	ch_3J2oisORw1tKc9ZqdolscVLT	\N	26300	EUR	succeeded	2025-12-05 03:40:50+00
10	11	charge	ch_3FFKJdJRw1tKc9ZqOQRwyhFE	\N	9900	EUR	succeeded	2025-12-05 06:32:56+00
11	12	charge	ch_3Rql1oNRw1tKc9ZqfHgDreFj	\N	24500	EUR	succeeded	2025-12-06 08:05:00+00
12	13	charge	ch_3gToIhSRw1tKc9ZqUyTokz4A	\N	26000	EUR	succeeded	2025-12-06 19:12:26+00
13	14	charge	ch_31ejHMVRw1tKc9Zqx37ppMmX	\N	62300	EUR	succeeded	2025-12-06 20:44:14+00
14	15	charge	ch_3JrYpTWRw1tKc9Zq4LTH911u	\N	19600	EUR	succeeded	2025-12-07 08:06:43+00
15	16	charge	ch_3Tk7Em5Rw1tKc9ZqwPTr60hA	\N	11100	EUR	succeeded	2025-12-07 17:28:42+00
16	15	refund	ch_3JrYpTWRw1tKc9Zq4LTH911u	re_3sZnp5TRw1tKc9ZqGZBcnVrY	4900	EUR	succeeded	2025-12-07 21:44:31+00
17	18	charge	ch_3pXWU4DRw1tKc9ZqPAlugRmg	\N	23900	EUR	succeeded	2025-12-10 05:58:43+00
18	21	charge	ch_3KmPzENRw1tKc9ZqWncZ63of	\N	32100	EUR	succeeded	2025-12-10 21:34:07+00
19	22	charge	ch_3ixnidcRw1tKc9ZqnOqgP2G5	\N	18900	EUR	succeeded	2025-12-10 23:26:51+00
20	23	charge	ch_31AaesdRw1tKc9ZqUNSb2y4d	\N	39200	EUR	succeeded	2025-12-11 23:11:36+00
21	23	refund	ch_31AaesdRw1tKc9ZqUNSb2y4d	re_32SkcZ7Rw1tKc9ZqjtqLpsvO	39200	EUR	succeeded	2025-12-12 07:34:21+00
22	24	charge	ch_3sWEBOKRw1tKc9ZqsnNX4TME	\N	36700	EUR	succeeded	2025-12-12 14:03:02+00
23	25	charge	ch_30ZipdQRw1tKc9Zqtn7OSLGl	\N	11400	EUR	succeeded	2025-12-13 14:06:46+00
24	26	charge	ch_3BKT1waRw1tKc9ZqKn3hI8C0	\N	58500	EUR	succeeded	2025-12-13 16:17:52+00
25	27	charge	ch_3XQQZn7Rw1tKc9ZqA2j8tszQ	\N	37800	EUR	succeeded	2025-12-13 17:35:07+00
26	28	charge	ch_35AhmSkRw1tKc9ZqCAlztLxY	\N	30800	EUR	succeeded	2025-12-14 17:11:54+00
27	29	charge	ch_3oNTK4XRw1tKc9Zq7TDunk2M	\N	8300	EUR	succeeded	2025-12-16 06:49:34+00
28	30	charge	ch_3FAHZ5kRw1tKc9Zqc0QMmLsw	\N	16800	EUR	succeeded	2025-12-16 07:26:30+00
29	31	charge	ch_30V0EfJRw1tKc9ZqrurDqpEA	\N	25500	EUR	succeeded	2025-12-16 13:36:18+00
30	32	charge	ch_36hCHGjRw1tKc9Zq1XbU5xxV	\N	48300	EUR	succeeded	2025-12-16 18:23:31+00
31	33	charge	ch_3vCx7CQRw1tKc9Zq772rTF3a	\N	24700	EUR	succeeded	2025-12-16 19:12:33+00
32	34	charge	ch_3IbSHOLRw1tKc9ZqYu3CdRZ3	\N	113300	EUR	succeeded	2025-12-19 05:45:46+00
33	35	charge	ch_3nW030aRw1tKc9Zqaoa8iGrs	\N	34800	EUR	succeeded	2025-12-19 07:41:46+00
34	36	charge	ch_3RnNUylRw1tKc9ZqQzVC6xMA	\N	22400	EUR	succeeded	2025-12-19 21:48:05+00
35	36	refund	ch_3RnNUylRw1tKc9ZqQzVC6xMA	re_3WS9rTzRw1tKc9ZqsoDNjzaw	22400	EUR	succeeded	2025-12-19 23:07:32+00
36	37	charge	ch_3CW5E7ZRw1tKc9ZqzQPg6EUL	\N	7900	EUR	succeeded	2025-12-20 07:21:52+00
37	37	refund	ch_3CW5E7ZRw1tKc9ZqzQPg6EUL	re_3Ozsdg3Rw1tKc9ZqNTX0gSfM	7900	EUR	succeeded	2025-12-20 09:52:01+00
38	38	charge	ch_3pXoLLuRw1tKc9ZqWb0qXFCw	\N	37900	EUR	succeeded	2025-12-20 15:08:16+00
39	39	charge	ch_3CnEvjQRw1tKc9Zq6Jjz0TbE	\N	30300	EUR	succeeded	2025-12-21 00:46:45+00
40	40	charge	ch_3g8VSoORw1tKc9ZqGXPCFW5e	\N	18900	EUR	succeeded	2025-12-21 01:28:51+00
41	41	charge	ch_32Cs4F9Rw1tKc9ZqqqJCHGUH	\N	44100	EUR	succeeded	2025-12-21 21:31:28+00
42	42	charge	ch_3bVZU5nRw1tKc9Zq5IzYBrpj	\N	31200	EUR	succeeded	2025-12-22 05:41:47+00
43	43	charge	ch_3LegZAdRw1tKc9Zqtcicwwgy	\N	18900	EUR	succeeded	2025-12-22 05:46:29+00
44	44	charge	ch_3SG6VskRw1tKc9ZqJZoS8gzO	\N	115500	EUR	succeeded	2025-12-22 08:58:36+00
45	45	charge	ch_3rhnssXRw1tKc9ZqVcrwwx9u	\N	6400	EUR	succeeded	2025-12-22 13:35:18+00
46	46	charge	ch_3NR9DeqRw1tKc9ZqtdLuxpR5	\N	31000	EUR	succeeded	2025-12-23 13:54:56+00
47	48	charge	ch_391b4TURw1tKc9Zqszc2Z2eE	\N	38000	EUR	succeeded	2025-12-24 00:32:00+00
48	49	charge	ch_33edsP6Rw1tKc9Zqb03p8qmr	\N	37900	EUR	succeeded	2025-12-24 04:12:37+00
49	50	charge	ch_3zuq5yZRw1tKc9Zq6D1DPsiW	\N	11900	EUR	succeeded	2025-12-24 07:01:47+00
50	51	charge	ch_3JjQpKXRw1tKc9ZqjglGdRpw	\N	26700	EUR	succeeded	2025-12-24 10:26:07+00
51	53	charge	ch_3moX6uHRw1tKc9ZqPknrnjCT	\N	66500	EUR	succeeded	2025-12-24 14:23:24+00
52	54	charge	ch_3Q2wSxhRw1tKc9ZqYZl7Co64	\N	24500	EUR	succeeded	2025-12-25 01:24:24+00
53	55	charge	ch_3IPxy6SRw1tKc9ZqpQEneeYz	\N	30300	EUR	succeeded	2025-12-25 06:46:48+00
54	56	charge	ch_3FaApVxRw1tKc9ZqiYgoJLFQ	\N	23200	EUR	succeeded	2025-12-25 11:37:08+00
55	57	charge	ch_3v70cUKRw1tKc9Zqj0NtnXiu	\N	52000	EUR	succeeded	2025-12-25 14:23:05+00
56	58	charge	ch_3c6TNLARw1tKc9Zq0UlOa78y	\N	17400	EUR	succeeded	2025-12-26 01:19:35+00
57	59	charge	ch_3K6m62XRw1tKc9ZqQFrbv52i	\N	19000	EUR	succeeded	2025-12-26 04:01:58+00
58	60	charge	ch_3H4hqhYRw1tKc9ZqGCnKJVmx	\N	96300	EUR	succeeded	2025-12-26 08:22:52+00
59	61	charge	ch_3Xu4afaRw1tKc9ZqgtVXP2Dz	\N	27500	EUR	succeeded	2025-12-27 09:44:03+00
60	62	charge	ch_3c0iiXyRw1tKc9ZqyrnmiPGm	\N	41600	EUR	succeeded	2025-12-27 13:09:08+00
61	63	charge	ch_3ZSUXnKRw1tKc9ZqhMV3QjUy	\N	76000	EUR	succeeded	2025-12-29 13:33:30+00
62	65	charge	ch_3vPycusRw1tKc9Zq1NhO3BFk	\N	16000	EUR	succeeded	2025-12-30 03:04:13+00
63	66	charge	ch_3xHBrPyRw1tKc9Zq8Bxesmtg	\N	17400	EUR	succeeded	2025-12-30 19:04:29+00
64	67	charge	ch_3zvJJkfRw1tKc9ZqjtsUcPf3	\N	43500	EUR	succeeded	2025-12-31 06:40:01+00
65	68	charge	ch_3GG7xmyRw1tKc9Zq1w7mYnPT	\N	8400	EUR	succeeded	2026-01-01 10:50:04+00
66	69	charge	ch_32VhVa9Rw1tKc9ZqEFs0GIWG	\N	14000	EUR	succeeded	2026-01-01 20:44:26+00
67	70	charge	ch_3bWjoF9Rw1tKc9ZqDlqxyYwn	\N	38100	EUR	succeeded	2026-01-02 04:17:24+00
68	71	charge	ch_3qfik9fRw1tKc9ZqzcNjSWxQ	\N	6700	EUR	succeeded	2026-01-02 11:53:03+00
69	69	refund	ch_32VhVa9Rw1tKc9ZqEFs0GIWG	re_3lYftbkRw1tKc9Zqwzp8H6MT	14000	EUR	succeeded	2026-01-03 12:51:19+00
70	72	charge	ch_3XCuGYXRw1tKc9ZqYwdZmGIs	\N	43100	EUR	succeeded	2026-01-04 14:41:35+00
71	73	charge	ch_3TIgHVlRw1tKc9ZqobGwyWRo	\N	14300	EUR	succeeded	2026-01-06 09:36:10+00
72	74	charge	ch_3NcuKlARw1tKc9ZqN8Sh8FSV	\N	17100	EUR	succeeded	2026-01-06 09:40:25+00
73	75	charge	ch_32obJ81Rw1tKc9Zq6Y901Bl4	\N	80100	EUR	succeeded	2026-01-07 01:38:20+00
74	76	charge	ch_3hLCKkMRw1tKc9Zq4Ii3orzY	\N	8100	EUR	succeeded	2026-01-07 10:10:14+00
75	75	refund	ch_32obJ81Rw1tKc9Zq6Y901Bl4	re_3PTOEzXRw1tKc9ZqF2VirGAU	80100	EUR	succeeded	2026-01-07 14:48:00+00
76	77	charge	ch_3GRxZgRRw1tKc9ZqdpzYcVAJ	\N	19000	EUR	succeeded	2026-01-08 02:40:01+00
77	78	charge	ch_3MNm3znRw1tKc9ZqFT2YzBkS	\N	15100	EUR	succeeded	2026-01-08 09:20:39+00
78	80	charge	ch_3ah2qyNRw1tKc9Zq21WM7JxC	\N	37900	EUR	succeeded	2026-01-09 03:32:38+00
79	81	charge	ch_3IdjzTCRw1tKc9Zqjiwer6u2	\N	26000	EUR	succeeded	2026-01-09 07:25:14+00
80	82	charge	ch_3t0iAayRw1tKc9ZqRmQ8ZN2J	\N	32700	EUR	succeeded	2026-01-09 12:17:54+00
81	83	charge	ch_3U0u5kdRw1tKc9ZqsXQ4nRR8	\N	24700	EUR	succeeded	2026-01-09 21:42:50+00
82	84	charge	ch_3AA9DTGRw1tKc9ZqTbuRqh7e	\N	33600	EUR	succeeded	2026-01-09 23:52:42+00
83	85	charge	ch_3epLqDyRw1tKc9ZqNZyCYRpF	\N	21000	EUR	succeeded	2026-01-10 00:12:02+00
84	86	charge	ch_3nVp0CCRw1tKc9ZqNjxSAixz	\N	27900	EUR	succeeded	2026-01-10 04:19:29+00
85	87	charge	ch_3q1ySilRw1tKc9ZqM4YDWDqK	\N	15600	EUR	succeeded	2026-01-10 08:52:12+00
86	88	charge	ch_3mAKhUsRw1tKc9ZqEBE29lmG	\N	2800	EUR	succeeded	2026-01-10 11:57:58+00
87	89	charge	ch_35uI1gwRw1tKc9ZqmZFXSx4d	\N	10800	EUR	succeeded	2026-01-10 14:30:15+00
88	90	charge	ch_3s9H9pBRw1tKc9ZqDqqUgi5S	\N	49500	EUR	succeeded	2026-01-10 15:24:22+00
89	91	charge	ch_3yVrg0iRw1tKc9ZqbYCsjrru	\N	5600	EUR	succeeded	2026-01-10 17:13:42+00
90	92	charge	ch_37IsCM7Rw1tKc9ZqPSGhj1Dj	\N	14000	EUR	succeeded	2026-01-10 18:50:38+00
91	93	charge	ch_31EnrlZRw1tKc9ZqETItS3A0	\N	31200	EUR	succeeded	2026-01-10 20:31:20+00
92	94	charge	ch_3Y0C2GoRw1tKc9ZqiOAwxC9w	\N	43100	EUR	succeeded	2026-01-11 01:56:44+00
93	77	refund	ch_3GRxZgRRw1tKc9ZqdpzYcVAJ	re_3RuiZz8Rw1tKc9ZqtIXSxm7G	13400	EUR	succeeded	2026-01-11 14:40:12+00
94	95	charge	ch_3QKTI40Rw1tKc9ZqMSO0MXnF	\N	22100	EUR	succeeded	2026-01-11 15:59:03+00
95	98	charge	ch_3tElzt7Rw1tKc9ZqtQM7uaKw	\N	23900	EUR	succeeded	2026-01-12 07:31:50+00
96	99	charge	ch_3oyN7fMRw1tKc9Zqtxrkd7UX	\N	68000	EUR	succeeded	2026-01-13 10:06:49+00
97	100	charge	ch_3m4j8HpRw1tKc9ZqQrPSq66q	\N	13400	EUR	succeeded	2026-01-14 09:44:31+00
98	73	refund	ch_3TIgHVlRw1tKc9ZqobGwyWRo	re_3NaeSJPRw1tKc9ZqWFB5xRFD	3200	EUR	succeeded	2026-01-15 01:37:03+00
99	101	charge	ch_3e5l3mPRw1tKc9ZqzyWIIM6a	\N	36400	EUR	succeeded	2026-01-15 11:15:43+00
100	102	charge	ch_3DfxK5rRw1tKc9Zqf5dJf5vr	\N	27900	EUR	succeeded	2026-01-16 03:31:47+00
101	103	charge	ch_3d9ZIGYRw1tKc9ZqOmSL8Tdk	\N	11000	EUR	succeeded	2026-01-16 05:36:09+00
102	103	refund	ch_3d9ZIGYRw1tKc9ZqOmSL8Tdk	re_3VljT3oRw1tKc9Zq7Riom5Jj	3300	EUR	succeeded	2026-01-17 09:31:24+00
103	104	charge	ch_3F2ldQ6Rw1tKc9ZqCiTSBl0h	\N	23900	EUR	succeeded	2026-01-17 16:33:44+00
104	105	charge	ch_3Ml6vL6Rw1tKc9ZqgVvZjHiD	\N	22300	EUR	succeeded	2026-01-18 02:33:29+00
105	106	charge	ch_3iOF6PARw1tKc9ZqTHmiLW22	\N	35700	EUR	succeeded	2026-01-18 08:25:52+00
106	90	refund	ch_3s9H9pBRw1tKc9ZqDqqUgi5S	re_3wMF8LPRw1tKc9Zq8JZHfN1B	49500	EUR	succeeded	2026-01-18 17:36:52+00
107	107	charge	ch_3fRfXZdRw1tKc9Zq4aDjAq3M	\N	39200	EUR	succeeded	2026-01-18 20:35:19+00
108	108	charge	ch_3310pgcRw1tKc9ZqtU3F0LNV	\N	49500	EUR	succeeded	2026-01-20 03:25:25+00
109	83	refund	ch_3U0u5kdRw1tKc9ZqsXQ4nRR8	re_3mLSFrdRw1tKc9ZqsYnXccSu	24700	EUR	succeeded	2026-01-21 03:26:42+00
110	109	charge	ch_3IUMm9qRw1tKc9ZqXOXSh1Tz	\N	29000	EUR	succeeded	2026-01-21 03:36:43+00
111	110	charge	ch_3ZMWQVbRw1tKc9ZqZvIwkcmC	\N	11600	EUR	succeeded	2026-01-21 12:52:24+00
112	111	charge	ch_3mqGTsJRw1tKc9ZqOBmE4PdI	\N	12600	EUR	succeeded	2026-01-21 23:27:26+00
113	112	charge	ch_3aYVOcpRw1tKc9Zqf2jIvXQr	\N	18000	EUR	succeeded	2026-01-22 16:39:29+00
114	113	charge	ch_3IOWrywRw1tKc9ZqNVG9QB1Q	\N	32700	EUR	succeeded	2026-01-22 22:23:50+00
115	114	charge	ch_3Ss6Cm8Rw1tKc9ZqD8C8edeX	\N	7200	EUR	succeeded	2026-01-22 23:13:28+00
116	115	charge	ch_3CLW7KkRw1tKc9ZqTT85VIzv	\N	34800	EUR	succeeded	2026-01-23 00:36:35+00
117	117	charge	ch_3S0gBRqRw1tKc9Zq7tkn0pdz	\N	34300	EUR	succeeded	2026-01-23 08:07:23+00
118	118	charge	ch_3mgnd2DRw1tKc9ZqmbvovAgu	\N	23900	EUR	succeeded	2026-01-23 21:48:50+00
119	119	charge	ch_3EULsb2Rw1tKc9ZqXOXPTjpt	\N	75900	EUR	succeeded	2026-01-24 02:16:12+00
120	120	charge	ch_35q6WUTRw1tKc9Zq1MSPq5vG	\N	17500	EUR	succeeded	2026-01-24 06:25:51+00
121	118	refund	ch_3mgnd2DRw1tKc9ZqmbvovAgu	re_38ZJT50Rw1tKc9ZqJt7zhvxl	3200	EUR	succeeded	2026-01-24 18:08:45+00
122	121	charge	ch_3i8FCRrRw1tKc9Zqj7aZLMAY	\N	11200	EUR	succeeded	2026-01-24 18:59:26+00
123	122	charge	ch_3WeJXeoRw1tKc9Zq0IH3sO7i	\N	27900	EUR	succeeded	2026-01-24 22:08:31+00
124	123	charge	ch_31cHCDcRw1tKc9Zqri9LGs9E	\N	77600	EUR	succeeded	2026-01-25 15:27:25+00
125	124	charge	ch_3JYhevjRw1tKc9ZqFhBemGdG	\N	24600	EUR	succeeded	2026-01-26 10:38:43+00
126	125	charge	ch_32gVf9xRw1tKc9Zqen2CtllB	\N	24300	EUR	succeeded	2026-01-26 14:26:43+00
127	125	refund	ch_32gVf9xRw1tKc9Zqen2CtllB	re_3Q6iPmGRw1tKc9ZqbJIQL9mk	24300	EUR	succeeded	2026-01-27 12:20:55+00
128	126	charge	ch_3Nnh9FERw1tKc9ZqdPXxAAN5	\N	6700	EUR	succeeded	2026-01-27 18:05:15+00
129	127	charge	ch_3va6Cg2Rw1tKc9Zq89iiBxY9	\N	23500	EUR	succeeded	2026-01-28 21:57:31+00
130	128	charge	ch_3RhZ1JuRw1tKc9Zq0xObuM3W	\N	22300	EUR	succeeded	2026-01-29 21:49:52+00
131	129	charge	ch_35Q8wYMRw1tKc9ZqPr7fLXQ3	\N	59500	EUR	succeeded	2026-01-31 12:02:52+00
132	130	charge	ch_3mg4zGxRw1tKc9Zqu6IJC5dl	\N	23200	EUR	succeeded	2026-02-01 06:54:08+00
133	131	charge	ch_3JLO5CKRw1tKc9ZqnC5Q8Xg4	\N	27500	EUR	succeeded	2026-02-02 00:22:30+00
134	132	charge	ch_3bCtHVzRw1tKc9ZqQVDSERKc	\N	4300	EUR	succeeded	2026-02-02 22:15:18+00
135	133	charge	ch_36MwV85Rw1tKc9ZqhLyvFCE8	\N	27500	EUR	succeeded	2026-02-03 10:21:05+00
136	134	charge	ch_3fkEsX2Rw1tKc9ZqqmVGNQA5	\N	30000	EUR	succeeded	2026-02-03 16:46:26+00
137	135	charge	ch_3YHh7IhRw1tKc9ZqaEoJDbv6	\N	24600	EUR	succeeded	2026-02-04 09:16:51+00
138	136	charge	ch_39sM61qRw1tKc9Zqy9Jo1xJl	\N	13900	EUR	succeeded	2026-02-04 16:37:06+00
139	137	charge	ch_3kHn9fURw1tKc9Zq8IiFNWka	\N	47900	EUR	succeeded	2026-02-05 03:01:47+00
140	138	charge	ch_3MGqPoWRw1tKc9ZqNBRFO55M	\N	39500	EUR	succeeded	2026-02-05 15:29:24+00
141	139	charge	ch_3ZaRxySRw1tKc9ZqlN1ngwDi	\N	37900	EUR	succeeded	2026-02-06 04:43:27+00
142	140	charge	ch_3U1B4QxRw1tKc9ZqSBHAt27Q	\N	29400	EUR	succeeded	2026-02-06 05:12:44+00
143	92	refund	ch_37IsCM7Rw1tKc9ZqPSGhj1Dj	re_3Wd04I1Rw1tKc9Zqf9D2kSI6	14000	EUR	succeeded	2026-02-06 11:09:10+00
144	141	charge	ch_3knvLa7Rw1tKc9ZqXX3OFcb2	\N	57500	EUR	succeeded	2026-02-06 21:43:32+00
145	142	charge	ch_3ZmymF9Rw1tKc9ZqY0hUfKiB	\N	77100	EUR	succeeded	2026-02-06 22:00:20+00
146	143	charge	ch_3dgd9K0Rw1tKc9ZqZyQg2Zbr	\N	64200	EUR	succeeded	2026-02-06 22:55:36+00
147	144	charge	ch_32KgdvsRw1tKc9ZqVaIFfIhj	\N	4700	EUR	succeeded	2026-02-07 09:03:46+00
148	145	charge	ch_3EIf5RrRw1tKc9ZqeZlDXGW5	\N	49600	EUR	succeeded	2026-02-07 09:24:48+00
149	146	charge	ch_37rgVv3Rw1tKc9ZqNo8G11F3	\N	6600	EUR	succeeded	2026-02-07 09:51:28+00
150	147	charge	ch_3vDHGT0Rw1tKc9Zq2rVPvqG4	\N	20800	EUR	succeeded	2026-02-07 11:38:17+00
151	148	charge	ch_3avgYYPRw1tKc9ZqDIIpggra	\N	18900	EUR	succeeded	2026-02-07 20:27:47+00
152	149	charge	ch_3YwWJ4uRw1tKc9ZqZR17zhf7	\N	19200	EUR	succeeded	2026-02-09 02:17:05+00
153	150	charge	ch_31dFr7JRw1tKc9ZqPD44oRN0	\N	19800	EUR	succeeded	2026-02-09 03:20:29+00
154	151	charge	ch_35LZe3ZRw1tKc9ZqJxbRklJG	\N	24500	EUR	succeeded	2026-02-09 08:35:50+00
155	152	charge	ch_3kHXlkQRw1tKc9ZqcCO3ZZDl	\N	71200	EUR	succeeded	2026-02-10 05:24:04+00
156	153	charge	ch_3TMVC4HRw1tKc9ZqaC2xM9Jl	\N	17500	EUR	succeeded	2026-02-10 09:03:42+00
157	154	charge	ch_37lX2DWRw1tKc9ZqHsnxDcvj	\N	37900	EUR	succeeded	2026-02-10 14:57:08+00
158	155	charge	ch_3EfVDbRRw1tKc9ZqYIg8Fqr3	\N	11600	EUR	succeeded	2026-02-10 15:19:32+00
159	156	charge	ch_3oRSW0JRw1tKc9ZqHrqQeAJO	\N	57000	EUR	succeeded	2026-02-10 16:30:07+00
160	157	charge	ch_3QEPP0lRw1tKc9ZqZcpI3XgP	\N	17100	EUR	succeeded	2026-02-11 04:57:41+00
161	159	charge	ch_3kyXPnDRw1tKc9Zq4NIWIiuz	\N	7800	EUR	succeeded	2026-02-12 02:23:11+00
162	160	charge	ch_33JwUyeRw1tKc9ZqIV9h3zyq	\N	83900	EUR	succeeded	2026-02-12 16:02:33+00
163	161	charge	ch_3qfW8npRw1tKc9ZqurdbAkFE	\N	9500	EUR	succeeded	2026-02-13 04:26:58+00
164	100	refund	ch_3m4j8HpRw1tKc9ZqQrPSq66q	re_3CyEj6ORw1tKc9ZqhL8Ca6Lh	13400	EUR	succeeded	2026-02-13 06:43:26+00
165	162	charge	ch_39cUF5FRw1tKc9ZqNyWK6Qem	\N	7100	EUR	succeeded	2026-02-13 13:22:08+00
166	163	charge	ch_3rZ7AaLRw1tKc9ZqNIyhyoDB	\N	58000	EUR	succeeded	2026-02-13 21:17:10+00
167	164	charge	ch_3iJlHMRRw1tKc9ZqE03txzMx	\N	12700	EUR	succeeded	2026-02-14 17:52:43+00
168	165	charge	ch_3OagWcCRw1tKc9ZqQVSNjyHh	\N	19600	EUR	succeeded	2026-02-15 11:11:12+00
169	166	charge	ch_3wH8vxdRw1tKc9ZqMVvNcE1U	\N	25600	EUR	succeeded	2026-02-15 13:08:40+00
170	167	charge	ch_3lkXUtbRw1tKc9ZqEJWUBeAl	\N	23900	EUR	succeeded	2026-02-15 17:20:31+00
171	168	charge	ch_39DSHrURw1tKc9ZqylAIIaL3	\N	22300	EUR	succeeded	2026-02-16 01:35:18+00
172	169	charge	ch_3a10zFGRw1tKc9ZqoxSKBwoi	\N	19800	EUR	succeeded	2026-02-16 10:04:18+00
173	170	charge	ch_3uH57jKRw1tKc9ZqxFKMJIH0	\N	63900	EUR	succeeded	2026-02-16 14:17:45+00
174	131	refund	ch_3JLO5CKRw1tKc9ZqnC5Q8Xg4	re_3NuFtONRw1tKc9ZqTll0PCgJ	12000	EUR	succeeded	2026-02-16 15:35:04+00
175	159	refund	ch_3kyXPnDRw1tKc9Zq4NIWIiuz	re_3BfIdglRw1tKc9Zqx7tdMFuV	7800	EUR	succeeded	2026-02-17 08:13:37+00
176	171	charge	ch_3e4pdWBRw1tKc9ZqWiQQZoNp	\N	32700	EUR	succeeded	2026-02-18 11:42:03+00
177	172	charge	ch_3qV79vJRw1tKc9ZqBs2OpfTZ	\N	62300	EUR	succeeded	2026-02-18 17:44:44+00
178	173	charge	ch_3SdSswzRw1tKc9ZqZxlAbcry	\N	30000	EUR	succeeded	2026-02-19 00:16:05+00
179	172	refund	ch_3qV79vJRw1tKc9ZqBs2OpfTZ	re_3Or7W4kRw1tKc9Zqyh2GZRlE	62300	EUR	succeeded	2026-02-19 02:09:53+00
180	174	charge	ch_38deesDRw1tKc9Zqq26qwQ7s	\N	5600	EUR	succeeded	2026-02-19 04:03:44+00
181	175	charge	ch_3P0yYIJRw1tKc9Zq2EKRpy9g	\N	12300	EUR	succeeded	2026-02-19 06:30:10+00
182	176	charge	ch_3T5ZTTPRw1tKc9ZqUgfuAXJO	\N	16300	EUR	succeeded	2026-02-19 15:34:54+00
183	177	charge	ch_3zXd9yVRw1tKc9ZqZPQ02st4	\N	11400	EUR	succeeded	2026-02-20 11:00:09+00
184	178	charge	ch_3DrWhFpRw1tKc9ZqkdOiM44A	\N	33000	EUR	succeeded	2026-02-21 12:17:42+00
185	167	refund	ch_3lkXUtbRw1tKc9ZqEJWUBeAl	re_3IkpqyvRw1tKc9ZqlCvXTN89	2800	EUR	succeeded	2026-02-21 23:49:24+00
186	180	charge	ch_3ASutKbRw1tKc9ZqVcqF1VdH	\N	18000	EUR	succeeded	2026-02-22 18:40:56+00
187	182	charge	ch_3YxWgnxRw1tKc9ZqLo5pS6VB	\N	19600	EUR	succeeded	2026-02-24 11:15:29+00
188	183	charge	ch_3Rl8Sv4Rw1tKc9ZqXvo07JO5	\N	19600	EUR	succeeded	2026-02-24 17:45:39+00
189	185	charge	ch_3gPzmnYRw1tKc9ZqdvWQjr37	\N	44700	EUR	succeeded	2026-02-25 04:08:18+00
190	186	charge	ch_3i3X7DiRw1tKc9Zqz771FddA	\N	18600	EUR	succeeded	2026-02-25 07:37:55+00
191	188	charge	ch_3gbvIsjRw1tKc9ZqEc5mvqlv	\N	16000	EUR	succeeded	2026-02-25 12:01:15+00
192	189	charge	ch_3vq9bLtRw1tKc9Zq0shq41YW	\N	68400	EUR	succeeded	2026-02-25 14:09:02+00
193	192	charge	ch_3WMPZakRw1tKc9Zq9T93EUOn	\N	52200	EUR	succeeded	2026-02-27 13:56:55+00
194	194	charge	ch_3MCsGYaRw1tKc9ZqO6eq8dXq	\N	20100	EUR	succeeded	2026-02-28 01:46:24+00
195	195	charge	ch_3b7F4vbRw1tKc9ZqBYsJVR1E	\N	18000	EUR	succeeded	2026-02-28 08:21:31+00
196	196	charge	ch_38YJuPHRw1tKc9ZqgvxhXfKj	\N	28500	EUR	succeeded	2026-02-28 09:42:32+00
197	197	charge	ch_3rhS2m8Rw1tKc9Zqr5QsKCv3	\N	11000	EUR	succeeded	2026-02-28 17:02:06+00
198	198	charge	ch_3BqKo9gRw1tKc9Zq9WwW21Bz	\N	16800	EUR	succeeded	2026-02-28 23:47:57+00
199	200	charge	ch_3m8ptsERw1tKc9ZqdpK77D98	\N	29000	EUR	succeeded	2026-03-01 18:30:51+00
\.


--
-- TOC entry 3388 (class 0 OID 16454)
-- Dependencies: 219
-- Data for Name: reservations; Type: TABLE DATA; Schema: public; Owner: rentwise
--

COPY public.reservations (id, reference, customer_id, vehicle_plate, pickup_location_code, pickup_at, return_at, status, total_cents, currency, stripe_payment_intent_id, calendar_event_id, notes, created_at, updated_at) FROM stdin;
1	RW-HIB0M5	9	GT-56-EX	LIS	2025-12-15 13:30:00+00	2025-12-17 13:00:00+00	confirmed	7900	EUR	\N	\N	\N	2025-12-02 03:50:38+00	2025-12-02 03:50:38+00
2	RW-JPWNIW	61	NH-54-DC	OPO	2025-12-14 09:00:00+00	2025-12-20 11:00:00+00	confirmed	28000	EUR	pi_3vYaPcdRw1tKc9ZqthjI07Fj	si7lp8sfajkmt8n328dfdutl56	Arriving by train; call when at the desk	2025-12-02 04:34:16+00	2025-12-02 04:34:16+00
3	RW-AUNPSB	62	MV-33-QB	LIS	2025-12-03 15:00:00+00	2025-12-08 14:30:00+00	confirmed	17000	EUR	pi_3vfoulqRw1tKc9Zqopg5Pr07	o2o9pbqn73h2fo74v3gnuu4j0i	Flight TP1350, arrives 23:40	2025-12-02 06:22:37+00	2025-12-02 06:22:37+00
4	RW-M6GSD1	63	5590 XMD	MAD	2025-12-17 14:30:00+00	2025-12-22 13:30:00+00	confirmed	22000	EUR	pi_3WAbMqiRw1tKc9ZqDOjfrr6i	npa3n35tbt032odkelrd1aj3ji	\N	2025-12-02 18:20:15+00	2025-12-02 18:20:15+00
5	RW-ALBUE7	25	SU-48-NP	OPO	2026-01-15 10:30:00+00	2026-01-27 09:30:00+00	confirmed	58800	EUR	pi_3KcjpSuRw1tKc9Zq1hhEHlhK	6rs235fggo4jt3bggs924hiksn	\N	2025-12-03 02:17:47+00	2025-12-03 02:17:47+00
6	RW-BAWQ3Q	64	PB-94-ZA	LIS	2025-12-13 19:00:00+00	2025-12-14 21:00:00+00	confirmed	11900	EUR	pi_3ULpAHgRw1tKc9ZqelXTXIMd	ocjge6ve92m3jasquoh7v6n7hv	\N	2025-12-03 10:13:10+00	2025-12-03 10:13:10+00
7	RW-CY6OV1	65	2928 MMZ	MAD	2025-12-04 13:30:00+00	2025-12-08 13:30:00+00	confirmed	23200	EUR	pi_3TyYf1PRw1tKc9ZqGyZHNNUx	cnhbrmmm37h5nrkdqnp1smrkc0	\N	2025-12-04 00:57:26+00	2025-12-04 00:57:26+00
8	RW-ZI3SH1	24	JO-01-US	LIS	2026-01-26 08:30:00+00	2026-01-30 08:30:00+00	confirmed	39500	EUR	pi_3BZognQRw1tKc9ZqwLTzGfoo	\N	Prefers an automatic gearbox	2025-12-04 11:58:39+00	2025-12-04 11:58:39+00
9	RW-ZBWCRU	66	QJ-31-ID	LIS	2025-12-15 08:00:00+00	2025-12-27 07:00:00+00	confirmed	60300	EUR	pi_34lmlKKRw1tKc9ZqgUZxXmcg	onib059lcev61njegckv9k86os	\N	2025-12-05 00:05:21+00	2025-12-05 00:05:21+00
10	RW-MN7PYL	67	MV-33-QB	LIS	2025-12-10 16:00:00+00	2025-12-18 16:00:00+00	confirmed	26300	EUR	pi_3J2oisORw1tKc9Zqd559JZ07	h7ubelp1q6e7643cjogoqfj5lu	\N	2025-12-05 03:39:36+00	2025-12-05 03:39:36+00
11	RW-QATW24	68	UH-20-MA	LIS	2025-12-15 15:30:00+00	2025-12-18 15:30:00+00	confirmed	9900	EUR	pi_3FFKJdJRw1tKc9ZqOXapg0Yv	596si8q42ncq4su3te8qdak3vp	\N	2025-12-05 06:31:39+00	2025-12-05 06:31:39+00
12	RW-43S9T2	69	SU-48-NP	OPO	2025-12-21 11:30:00+00	2025-12-26 10:30:00+00	confirmed	24500	EUR	pi_3Rql1oNRw1tKc9ZqfyXlHLuW	\N	\N	2025-12-06 08:03:55+00	2025-12-06 08:03:55+00
13	RW-9Y3NH7	70	7017 RYY	MAD	2025-12-16 16:00:00+00	2025-12-21 16:00:00+00	confirmed	26000	EUR	pi_3gToIhSRw1tKc9ZqUBdBDtJH	4lv8ef7llelbt0l3td17qumi3e	\N	2025-12-06 19:11:22+00	2025-12-06 19:11:22+00
14	RW-SFS9XC	71	2857 KWF	BCN	2025-12-10 09:30:00+00	2025-12-17 09:30:00+00	confirmed	62300	EUR	pi_31ejHMVRw1tKc9Zqx7KaNP3m	mvorakd9kb5rum1ut3lebio4vl	\N	2025-12-06 20:43:09+00	2025-12-06 20:43:09+00
15	RW-AUZMMB	68	3139 CJP	BCN	2025-12-13 08:30:00+00	2025-12-16 08:30:00+00	confirmed	14700	EUR	pi_3JrYpTWRw1tKc9Zq4gaLDYEw	d8k8mhpeolkp6url1a8dpietpb	\N	2025-12-07 08:06:18+00	2025-12-07 21:44:22+00
16	RW-GAH33P	72	2281 MGS	LPA	2026-01-07 14:30:00+00	2026-01-10 14:30:00+00	confirmed	11100	EUR	pi_3Tk7Em5Rw1tKc9ZqwahTZawE	eha9pc1jt8tcvahl1nmnotnuq8	Arriving by train; call when at the desk	2025-12-07 17:27:50+00	2025-12-10 04:42:45+00
17	RW-QYPKJH	38	5029 GXL	BCN	2025-12-10 15:00:00+00	2025-12-15 15:00:00+00	confirmed	14000	EUR	\N	r5tgv78i6kq847ap591hrt7834	\N	2025-12-09 16:58:06+00	2025-12-09 16:58:06+00
18	RW-RZERRZ	73	EH-93-VZ	FAO	2025-12-24 16:00:00+00	2025-12-31 16:00:00+00	confirmed	23900	EUR	pi_3pXWU4DRw1tKc9ZqPAGNf1ah	eibsmhqgtn9pv4rg9eb3e4tjj5	Will pay the fuel deposit in cash	2025-12-10 05:58:11+00	2025-12-10 05:58:11+00
19	RW-P51Y10	74	5029 GXL	BCN	2026-01-14 12:00:00+00	2026-01-19 12:00:00+00	confirmed	14000	EUR	\N	\N	\N	2025-12-10 07:19:06+00	2025-12-10 07:19:06+00
20	RW-KVIMNP	75	AG-09-RR	OPO	2026-01-24 10:00:00+00	2026-01-27 10:00:00+00	confirmed	30000	EUR	\N	lppm2oe96gv3e0a0ekr3gnbo04	\N	2025-12-10 19:51:56+00	2025-12-10 19:51:56+00
21	RW-XM7S2K	70	5757 WYB	BCN	2025-12-15 10:00:00+00	2025-12-18 09:30:00+00	confirmed	32100	EUR	pi_3KmPzENRw1tKc9ZqWY0L6ZAt	c89cpdeqc4mv4qaocpihdb25df	\N	2025-12-10 21:33:12+00	2025-12-11 23:38:56+00
22	RW-YNAYP7	76	TD-59-DL	LIS	2026-02-01 10:30:00+00	2026-02-03 12:30:00+00	confirmed	18900	EUR	pi_3ixnidcRw1tKc9ZqnvgVMJfp	bdq7v2fkc49vpbr9kcuno27gjc	\N	2025-12-10 23:26:20+00	2025-12-10 23:26:20+00
23	RW-WNQMXH	4	5029 GXL	BCN	2025-12-19 09:00:00+00	2026-01-02 09:00:00+00	cancelled	39200	EUR	pi_31AaesdRw1tKc9ZqUAFlZVeb	fhm1tmg6jcjaklcpo96oohen25	\N	2025-12-11 23:10:42+00	2025-12-12 07:33:57+00
24	RW-L8ZFCG	78	EH-93-VZ	FAO	2026-02-09 11:00:00+00	2026-02-17 11:00:00+00	confirmed	36700	EUR	pi_3sWEBOKRw1tKc9ZqsNYWolu2	fnonfqsr83prn78pktlv4vgb7i	\N	2025-12-12 14:01:40+00	2026-02-02 12:18:59+00
25	RW-4D3Y5H	79	UQ-05-QU	FAO	2026-02-03 17:00:00+00	2026-02-06 16:00:00+00	confirmed	11400	EUR	pi_30ZipdQRw1tKc9ZqtMoB5F4G	44hursdcfqv4s571gavql6u6t2	\N	2025-12-13 14:05:35+00	2025-12-13 14:05:35+00
26	RW-K7QLTJ	14	JO-01-US	LIS	2025-12-30 16:30:00+00	2026-01-05 15:30:00+00	confirmed	58500	EUR	pi_3BKT1waRw1tKc9ZqKPl5OAPk	n73i1qg0p9gbg10mc7ubdrk522	\N	2025-12-13 16:17:31+00	2025-12-13 16:17:31+00
27	RW-NIALHP	31	CG-08-UQ	OPO	2025-12-18 08:30:00+00	2025-12-25 08:30:00+00	confirmed	44100	EUR	pi_3XQQZn7Rw1tKc9ZqAJccwGjL	2oro1tg7lg620kpa5jnvb61nr5	\N	2025-12-13 17:33:51+00	2025-12-14 01:18:10+00
28	RW-06UVTK	80	8914 YVK	MAD	2026-02-03 11:30:00+00	2026-02-14 11:30:00+00	confirmed	30800	EUR	pi_35AhmSkRw1tKc9ZqC1Lo8Rkd	f5c79pvm67kv6vd45nh047erl8	\N	2025-12-14 17:10:56+00	2025-12-14 17:10:56+00
29	RW-L4K6DC	81	0411 GMV	LPA	2025-12-27 17:30:00+00	2025-12-29 17:30:00+00	confirmed	8300	EUR	pi_3oNTK4XRw1tKc9Zq7lC0KXX5	5i4q70sgu8h3553pt2c0c9q77k	\N	2025-12-16 06:48:36+00	2025-12-16 06:48:36+00
30	RW-PABP5M	32	NH-54-DC	OPO	2026-01-04 11:30:00+00	2026-01-10 10:30:00+00	confirmed	16800	EUR	pi_3FAHZ5kRw1tKc9ZqcRs7u31c	bur7gfgtnellpel8pbnlakgf9j	\N	2025-12-16 07:25:13+00	2025-12-16 07:25:13+00
31	RW-VUIHOC	82	RH-98-BJ	LIS	2025-12-29 13:30:00+00	2026-01-04 13:30:00+00	confirmed	25500	EUR	pi_30V0EfJRw1tKc9ZqrQCgxekq	pvhbl4gemqp1j8qqju4bvj4qeo	\N	2025-12-16 13:34:49+00	2025-12-16 13:34:49+00
32	RW-Z6NVZW	83	XF-48-DZ	FAO	2026-01-30 17:00:00+00	2026-02-08 17:00:00+00	confirmed	48300	EUR	pi_36hCHGjRw1tKc9Zq1ejg6Maq	1otiv50miq1dmqe4jk479m52tg	\N	2025-12-16 18:22:12+00	2025-12-16 18:22:12+00
33	RW-PK44W0	84	HO-79-JF	LIS	2025-12-19 14:00:00+00	2025-12-23 14:00:00+00	confirmed	24700	EUR	pi_3vCx7CQRw1tKc9Zq7TMrw07s	jig7tljpml39hvfaj2s6rp4p8s	Prefers an automatic gearbox	2025-12-16 19:11:18+00	2025-12-16 19:11:18+00
34	RW-5H5610	85	5757 WYB	BCN	2026-01-29 10:30:00+00	2026-02-09 09:30:00+00	confirmed	113300	EUR	pi_3IbSHOLRw1tKc9ZqY0G0KJGs	abqvvhbq9v7qhp6uj5tdbkdqpv	\N	2025-12-19 05:44:19+00	2025-12-19 05:44:19+00
35	RW-ZBT27E	86	2928 MMZ	MAD	2026-01-04 08:30:00+00	2026-01-10 07:30:00+00	confirmed	34800	EUR	pi_3nW030aRw1tKc9Zqa5zjvChy	43066q1dovu2mblrbusrqvi8ck	\N	2025-12-19 07:40:20+00	2025-12-19 07:40:20+00
36	RW-08NIVL	87	5029 GXL	BCN	2025-12-29 07:00:00+00	2026-01-06 07:00:00+00	cancelled	22400	EUR	pi_3RnNUylRw1tKc9ZqQCaZCUOm	\N	\N	2025-12-19 21:46:58+00	2025-12-19 23:07:12+00
37	RW-9WWXM3	9	0267 FKF	LPA	2025-12-21 10:30:00+00	2025-12-23 09:30:00+00	cancelled	7900	EUR	pi_3CW5E7ZRw1tKc9ZqzUpSGEzU	cg23hbfpuo11elqpa8prcogr46	Flight TP1350, arrives 23:40	2025-12-20 07:21:15+00	2025-12-20 09:51:03+00
38	RW-1J49CF	16	QB-01-EP	FAO	2025-12-24 10:30:00+00	2025-12-31 10:30:00+00	confirmed	37900	EUR	pi_3pXoLLuRw1tKc9ZqWQyRf1U0	5ec4oio21fhsm87gjt92vei4fj	\N	2025-12-20 15:07:55+00	2025-12-20 15:07:55+00
39	RW-GNU9AD	42	MV-33-QB	LIS	2026-01-03 10:00:00+00	2026-01-11 09:30:00+00	confirmed	30300	EUR	pi_3CnEvjQRw1tKc9Zq6JqlNXy1	rla7q00nl3j4sur2q1uk86o493	\N	2025-12-21 00:45:55+00	2025-12-21 00:45:55+00
40	RW-52O131	88	TD-59-DL	LIS	2026-01-07 17:00:00+00	2026-01-10 17:00:00+00	confirmed	18900	EUR	pi_3g8VSoORw1tKc9ZqGMbwhHVA	jnnqa1svj4hre84c46odvuhm4j	\N	2025-12-21 01:28:28+00	2025-12-21 01:28:28+00
41	RW-ZSMW8X	89	3139 CJP	BCN	2026-02-05 17:00:00+00	2026-02-13 19:00:00+00	confirmed	44100	EUR	pi_32Cs4F9Rw1tKc9Zqq2lOBKQ7	vnmv5cvp0467hvsl3solcm2g0a	Corporate booking\tPO 4471	2025-12-21 21:30:28+00	2025-12-21 21:30:28+00
42	RW-67NCQ3	90	RF-97-PF	OPO	2025-12-23 15:00:00+00	2025-12-29 15:00:00+00	confirmed	31200	EUR	pi_3bVZU5nRw1tKc9Zq5CdD4Xv7	4uu834c9ksqau6nnloe933s25u	\N	2025-12-22 05:41:12+00	2025-12-22 05:41:12+00
43	RW-HZNFMP	6	2928 MMZ	MAD	2025-12-23 16:30:00+00	2025-12-26 16:30:00+00	confirmed	18900	EUR	pi_3LegZAdRw1tKc9Zqto6KmEFb	\N	Corporate booking\tPO 4471	2025-12-22 05:45:16+00	2025-12-22 05:45:16+00
44	RW-MM7MA8	91	BE-02-MB	FAO	2026-02-03 19:00:00+00	2026-02-15 18:00:00+00	confirmed	115500	EUR	pi_3SG6VskRw1tKc9ZqJixDlxex	\N	\N	2025-12-22 08:57:24+00	2025-12-22 08:57:24+00
45	RW-5XY9GX	69	QJ-31-ID	LIS	2026-02-17 19:30:00+00	2026-02-18 19:30:00+00	confirmed	6400	EUR	pi_3rhnssXRw1tKc9ZqV4vRGGXN	unrbhicb1644de2bk85sde0hdg	Flight TP1350, arrives 23:40	2025-12-22 13:33:52+00	2025-12-22 13:33:52+00
46	RW-3HTONZ	4	4415 ZCJ	MAD	2026-02-08 14:30:00+00	2026-02-13 14:30:00+00	confirmed	31000	EUR	pi_3NR9DeqRw1tKc9ZqtKKezOYo	51bedks5005f5bbk3qvjb1katv	Corporate booking\tPO 4471	2025-12-23 13:54:05+00	2025-12-23 13:54:05+00
47	RW-3CEH2L	92	CJ-07-GV	LIS	2026-01-02 14:30:00+00	2026-01-08 14:30:00+00	confirmed	38700	EUR	\N	79v1kt0qllvib98hg6j38flqve	Will pay the fuel deposit in cash	2025-12-23 18:56:23+00	2025-12-23 18:56:23+00
48	RW-C3LY9X	93	5757 WYB	BCN	2026-01-08 09:00:00+00	2026-01-12 09:00:00+00	confirmed	38000	EUR	pi_391b4TURw1tKc9ZqsH3mwTuJ	l0cp4aaj2u3lcg9u7jlponmdkb	\N	2025-12-24 00:30:44+00	2025-12-24 00:30:44+00
49	RW-EUEVAS	94	XF-48-DZ	FAO	2025-12-26 17:30:00+00	2026-01-02 16:30:00+00	confirmed	37900	EUR	pi_33edsP6Rw1tKc9Zqb3ISw73e	kppve04s5uj9h6551del1f0ccj	\N	2025-12-24 04:11:54+00	2025-12-24 04:11:54+00
50	RW-5WVEQE	86	MM-43-ZR	LIS	2026-01-01 11:30:00+00	2026-01-03 11:00:00+00	confirmed	11900	EUR	pi_3zuq5yZRw1tKc9Zq6ZNkjjnJ	29h4sn8qemfehrnqj0v0o8doli	\N	2025-12-24 07:00:37+00	2025-12-24 07:00:37+00
51	RW-TM1LNQ	7	UH-20-MA	LIS	2026-01-07 08:30:00+00	2026-01-14 07:30:00+00	confirmed	26700	EUR	pi_3JjQpKXRw1tKc9ZqjaKFKsK4	bduftrpjlu8425dtbll6rib6kr	\N	2025-12-24 10:25:36+00	2025-12-24 10:25:36+00
52	RW-2TPG5A	17	5757 WYB	BCN	2025-12-26 11:00:00+00	2025-12-29 11:00:00+00	confirmed	28500	EUR	\N	kiue1ovhresojrjgflnio2uqdg	\N	2025-12-24 12:34:06+00	2025-12-24 12:34:06+00
53	RW-VNKMPR	9	AG-09-RR	OPO	2026-01-02 12:30:00+00	2026-01-09 11:30:00+00	confirmed	66500	EUR	pi_3moX6uHRw1tKc9ZqPVDFLe2F	5ijg6r7t7jr2ro9bsnkj7rl9pf	\N	2025-12-24 14:22:20+00	2025-12-24 14:22:20+00
54	RW-PY8MYD	70	3139 CJP	BCN	2026-01-14 18:30:00+00	2026-01-19 17:30:00+00	confirmed	24500	EUR	pi_3Q2wSxhRw1tKc9ZqYt5r59DB	177tme92peembgopu99vl7s78j	\N	2025-12-25 01:23:46+00	2025-12-25 01:23:46+00
55	RW-8VIW76	3	GT-56-EX	LIS	2026-01-10 15:00:00+00	2026-01-18 17:00:00+00	confirmed	30300	EUR	pi_3IPxy6SRw1tKc9ZqpPMzIXkQ	gom1lf1jjuusinhvu4moge2ic3	\N	2025-12-25 06:46:17+00	2025-12-25 06:46:17+00
56	RW-AOLENC	38	1864 RMM	MAD	2026-01-10 11:30:00+00	2026-01-14 11:30:00+00	confirmed	23200	EUR	pi_3FaApVxRw1tKc9ZqiUMrmxtU	lr76j2eq1evl6aj99kgb4vlp1o	\N	2025-12-25 11:35:46+00	2025-12-25 11:35:46+00
57	RW-HYIA2F	95	7017 RYY	MAD	2025-12-28 15:30:00+00	2026-01-07 14:30:00+00	confirmed	52000	EUR	pi_3v70cUKRw1tKc9Zqj3XD2cDP	jk8p2pf4he36vm4orl5jh3bgcd	\N	2025-12-25 14:22:38+00	2025-12-25 14:22:38+00
58	RW-PCPKGE	96	CG-08-UQ	OPO	2025-12-27 19:30:00+00	2025-12-30 18:30:00+00	confirmed	17400	EUR	pi_3c6TNLARw1tKc9Zq0YKjGSZY	\N	\N	2025-12-26 01:18:44+00	2025-12-26 01:18:44+00
59	RW-K1L9EQ	97	1567 BSZ	MAD	2025-12-30 07:00:00+00	2026-01-01 06:00:00+00	confirmed	19000	EUR	pi_3K6m62XRw1tKc9ZqQSwuMHk2	dr1npqlnqa72oakqas1hk23ecn	\N	2025-12-26 04:01:40+00	2025-12-26 04:01:40+00
60	RW-PVWIRN	88	1567 BSZ	MAD	2026-02-18 12:30:00+00	2026-02-27 12:30:00+00	confirmed	96300	EUR	pi_3H4hqhYRw1tKc9ZqGr4zoj38	1dr321tson6ajnc1k3hofgimbf	\N	2025-12-26 08:21:42+00	2025-12-26 08:21:42+00
61	RW-X6SETG	4	QB-01-EP	FAO	2026-01-15 13:00:00+00	2026-01-20 12:00:00+00	confirmed	27500	EUR	pi_3Xu4afaRw1tKc9Zqgd9yGBiY	\N	\N	2025-12-27 09:42:49+00	2025-12-27 09:42:49+00
62	RW-9ZJ2RB	98	RF-97-PF	OPO	2025-12-30 12:00:00+00	2026-01-07 12:00:00+00	confirmed	41600	EUR	pi_3c0iiXyRw1tKc9ZqyuKWiJSU	\N	\N	2025-12-27 13:08:13+00	2025-12-27 13:08:13+00
63	RW-7L3QJW	99	5757 WYB	BCN	2026-01-18 09:30:00+00	2026-01-26 09:00:00+00	confirmed	76000	EUR	pi_3ZSUXnKRw1tKc9ZqhG9Jtebr	5vd3cvjkqe0vuknv0040ksmiag	\N	2025-12-29 13:32:36+00	2025-12-29 13:32:36+00
64	RW-GNZ4EF	100	BE-02-MB	FAO	2026-02-03 18:00:00+00	2026-02-10 18:00:00+00	confirmed	73600	EUR	\N	853r83hpee48kb8hl0bl6a2gjh	\N	2025-12-29 20:29:26+00	2025-12-29 20:29:26+00
65	RW-W5MMTT	101	5590 XMD	MAD	2026-01-15 12:30:00+00	2026-01-20 12:00:00+00	confirmed	16000	EUR	pi_3vPycusRw1tKc9Zq1CSBLmi3	lq4d0dq4jbdpeqpg3gll9nq47c	\N	2025-12-30 03:02:51+00	2025-12-30 03:02:51+00
66	RW-EJVMGM	102	CG-08-UQ	OPO	2026-01-15 18:00:00+00	2026-01-18 18:00:00+00	confirmed	17400	EUR	pi_3xHBrPyRw1tKc9Zq8t7XXNko	00vvcvfn2lqb9o52lj3ucvkskj	\N	2025-12-30 19:03:05+00	2025-12-30 19:03:05+00
67	RW-VXURHN	103	QB-01-EP	FAO	2026-02-27 15:00:00+00	2026-03-06 14:30:00+00	confirmed	43500	EUR	pi_3zvJJkfRw1tKc9ZqjXMa7W6G	5i70gcopkbv00e0ouna0f28v7d	\N	2025-12-31 06:39:09+00	2025-12-31 06:39:09+00
68	RW-1OEXFI	44	5029 GXL	BCN	2026-01-07 07:30:00+00	2026-01-10 07:30:00+00	confirmed	8400	EUR	pi_3GG7xmyRw1tKc9Zq1Wu42P3V	p0dk9v0gr1pl8bn48sh9hnt308	\N	2026-01-01 10:49:46+00	2026-01-01 10:49:46+00
69	RW-JS2C7B	104	1864 RMM	MAD	2026-01-03 16:30:00+00	2026-01-05 15:30:00+00	cancelled	14000	EUR	pi_32VhVa9Rw1tKc9ZqE1vCXkSa	\N	\N	2026-01-01 20:43:57+00	2026-01-03 12:50:45+00
70	RW-O0O31R	20	QJ-31-ID	LIS	2026-01-03 11:00:00+00	2026-01-08 13:00:00+00	confirmed	38100	EUR	pi_3bWjoF9Rw1tKc9ZqDhd4OE5r	\N	\N	2026-01-02 04:16:02+00	2026-01-02 04:16:02+00
71	RW-TZ98T1	10	PB-94-ZA	LIS	2026-02-13 15:00:00+00	2026-02-14 14:00:00+00	confirmed	6700	EUR	pi_3qfik9fRw1tKc9ZqzOtkwfAp	79rj4jsso8lggtle43ulhsq1bo	\N	2026-01-02 11:51:55+00	2026-01-02 11:51:55+00
72	RW-IRQN2M	7	EH-93-VZ	FAO	2026-02-22 12:30:00+00	2026-03-07 12:30:00+00	confirmed	43100	EUR	pi_3XCuGYXRw1tKc9ZqYPQVC2L5	89mhtuc4kqv80mlrniju2amp8u	Customer asked for a car with a tow bar	2026-01-04 14:41:19+00	2026-01-04 14:41:19+00
73	RW-TLFS3C	75	RH-98-BJ	LIS	2026-01-30 18:00:00+00	2026-02-02 17:00:00+00	confirmed	11100	EUR	pi_3TIgHVlRw1tKc9ZqoUXiep89	ejddjo1c4nig4p0crl3ibqt6j0	\N	2026-01-06 09:35:23+00	2026-01-15 01:36:46+00
74	RW-5RS35R	105	QB-01-EP	FAO	2026-01-26 15:30:00+00	2026-01-29 15:00:00+00	confirmed	17100	EUR	pi_3NcuKlARw1tKc9ZqNjBEzCUH	fid9kd3qeccm6ttmbschcj8vkr	\N	2026-01-06 09:40:05+00	2026-01-06 09:40:05+00
75	RW-YX6EIQ	106	2857 KWF	BCN	2026-01-19 12:00:00+00	2026-01-29 11:00:00+00	cancelled	89000	EUR	pi_32obJ81Rw1tKc9Zq6vUGNctc	\N	\N	2026-01-07 01:37:39+00	2026-01-07 14:47:38+00
76	RW-UZ92SY	42	HO-79-JF	LIS	2026-01-14 08:00:00+00	2026-01-15 07:00:00+00	confirmed	8100	EUR	pi_3hLCKkMRw1tKc9Zq4LmbWHYF	uqb39tfpm2vog36qgbc6dp404a	\N	2026-01-07 10:09:10+00	2026-01-07 10:09:10+00
77	RW-ZB0XPB	24	NH-54-DC	OPO	2026-01-12 13:30:00+00	2026-01-13 15:30:00+00	confirmed	5600	EUR	pi_3GRxZgRRw1tKc9ZqdwuPNdEH	2lbvs96o2bku9os3saso1qd45j	Will pay the fuel deposit in cash	2026-01-08 02:39:22+00	2026-01-11 14:39:18+00
78	RW-7OQ3BE	50	0411 GMV	LPA	2026-01-26 08:00:00+00	2026-01-30 08:00:00+00	confirmed	15100	EUR	pi_3MNm3znRw1tKc9ZqFU2z7D0D	0jeiemk2g4kg7jcsstlh1lp7g4	\N	2026-01-08 09:19:19+00	2026-01-08 09:19:19+00
79	RW-PEJK3G	107	RH-98-BJ	LIS	2026-02-09 13:30:00+00	2026-02-13 13:30:00+00	confirmed	16300	EUR	\N	o9olfq11go5veer64e7st7flgr	\N	2026-01-08 19:04:16+00	2026-01-08 19:04:16+00
80	RW-B13TP0	99	MM-43-ZR	LIS	2026-02-09 16:30:00+00	2026-02-15 18:30:00+00	confirmed	37900	EUR	pi_3ah2qyNRw1tKc9Zq2of1hcZ6	u2r8sqrp367v56rql72kjdmijh	\N	2026-01-09 03:31:35+00	2026-01-09 03:31:35+00
81	RW-SWK0J5	12	QJ-31-ID	LIS	2026-01-27 16:30:00+00	2026-02-01 16:00:00+00	confirmed	26000	EUR	pi_3IdjzTCRw1tKc9ZqjEG12dua	qelrdpciqe3652qklpdjpn52uu	\N	2026-01-09 07:24:49+00	2026-01-09 07:24:49+00
82	RW-X1H9A6	109	MM-43-ZR	LIS	2026-01-27 12:00:00+00	2026-02-02 12:00:00+00	confirmed	32700	EUR	pi_3t0iAayRw1tKc9ZqRhgcBK6N	8jo507h5iakleifku15qmbkmtj	\N	2026-01-09 12:16:26+00	2026-01-09 12:16:26+00
83	RW-8MFID1	45	TD-59-DL	LIS	2026-02-26 11:00:00+00	2026-03-02 10:30:00+00	cancelled	24700	EUR	pi_3U0u5kdRw1tKc9ZqsklcBPzr	hmr1qqvenp7hei6f6mm7trg5j1	Corporate booking\tPO 4471	2026-01-09 21:42:27+00	2026-01-21 03:26:34+00
84	RW-8TDLXI	102	5029 GXL	BCN	2026-01-30 16:00:00+00	2026-02-11 16:00:00+00	confirmed	33600	EUR	pi_3AA9DTGRw1tKc9ZqTBExxmQS	2r7ifc07v3sq55vdt7j7g1650h	Arriving by train; call when at the desk	2026-01-09 23:51:49+00	2026-01-09 23:51:49+00
85	RW-QHI3Z3	110	4415 ZCJ	MAD	2026-02-18 11:30:00+00	2026-02-21 11:00:00+00	confirmed	21000	EUR	pi_3epLqDyRw1tKc9ZqNkwzehvp	0vgru4p4tb6h7f3vrk5p257lmo	\N	2026-01-10 00:11:04+00	2026-01-10 00:11:04+00
86	RW-A1ELP6	111	UH-20-MA	LIS	2026-02-12 12:00:00+00	2026-02-19 14:00:00+00	confirmed	27900	EUR	pi_3nVp0CCRw1tKc9ZqNzbh29vP	tniavkoa1jilkc0bicr9r05s8t	\N	2026-01-10 04:19:14+00	2026-01-10 04:19:14+00
87	RW-PAYKJQ	112	7017 RYY	MAD	2026-01-11 11:00:00+00	2026-01-14 10:00:00+00	confirmed	15600	EUR	pi_3q1ySilRw1tKc9ZqMgPgzz6x	2manlqg3brg791o4ple8hat3j1	\N	2026-01-10 08:51:31+00	2026-01-10 08:51:31+00
88	RW-PU41TM	24	NH-54-DC	OPO	2026-01-22 18:30:00+00	2026-01-23 18:00:00+00	confirmed	2800	EUR	pi_3mAKhUsRw1tKc9ZqE92zik4q	6tjlbursfjks6qq27jai859pde	\N	2026-01-10 11:57:43+00	2026-01-10 11:57:43+00
89	RW-2RWIU6	102	MV-33-QB	LIS	2026-02-09 08:30:00+00	2026-02-12 08:30:00+00	confirmed	10800	EUR	pi_35uI1gwRw1tKc9ZqmNbRL8eu	b60q7fv10uhvhpde0qm8e36mlv	Second driver: same surname\nLicence checked	2026-01-10 14:28:58+00	2026-01-10 14:28:58+00
90	RW-1EP2R8	27	PB-94-ZA	LIS	2026-01-21 08:00:00+00	2026-01-29 08:00:00+00	cancelled	49500	EUR	pi_3s9H9pBRw1tKc9ZqDV4aa5Do	r24lv5ts12uffqag4mjo1oiim5	\N	2026-01-10 15:23:45+00	2026-01-18 17:36:47+00
91	RW-2RMRVZ	113	5029 GXL	BCN	2026-01-11 07:00:00+00	2026-01-13 07:00:00+00	confirmed	5600	EUR	pi_3yVrg0iRw1tKc9Zqbwfgwz7U	chk5ufj5ntbet5lg4aif51tf54	Voucher from partner agency: PTA\\2026\\118	2026-01-10 17:12:48+00	2026-01-10 17:12:48+00
92	RW-CNT8DQ	49	1864 RMM	MAD	2026-03-03 12:00:00+00	2026-03-05 12:00:00+00	cancelled	14000	EUR	pi_37IsCM7Rw1tKc9ZqP95Og7tD	hnt3mvtk6k0taigjrgurs0ep15	Customer asked for a car with a tow bar	2026-01-10 18:50:03+00	2026-02-06 11:08:34+00
93	RW-EGDSAB	114	7017 RYY	MAD	2026-03-05 18:30:00+00	2026-03-10 20:30:00+00	confirmed	31200	EUR	pi_31EnrlZRw1tKc9ZqElxeFNCX	thshumbh4ggtomrmetaamlcqrq	\N	2026-01-10 20:30:26+00	2026-01-10 20:30:26+00
94	RW-DDPCLK	6	RH-98-BJ	LIS	2026-01-15 12:30:00+00	2026-01-28 12:30:00+00	confirmed	43100	EUR	pi_3Y0C2GoRw1tKc9ZqiugNgMfU	16l0da4esna93dp90akes9pqa0	\N	2026-01-11 01:56:26+00	2026-01-11 01:56:26+00
95	RW-HVJDS1	40	JO-01-US	LIS	2026-01-12 13:30:00+00	2026-01-14 13:30:00+00	confirmed	22100	EUR	pi_3QKTI40Rw1tKc9ZqMN3kuMNY	rppngdhv9fkpjribjf3u1gtkuk	\N	2026-01-11 15:58:06+00	2026-01-11 15:58:06+00
96	RW-7YTW6F	96	5029 GXL	BCN	2026-01-22 09:30:00+00	2026-01-28 09:30:00+00	confirmed	16800	EUR	\N	bnjm1ea23h607mli1nftcrtqut	\N	2026-01-11 17:52:35+00	2026-01-11 17:52:35+00
97	RW-DSJQL6	64	8914 YVK	MAD	2026-01-14 08:30:00+00	2026-01-15 10:30:00+00	cancelled	5600	EUR	\N	bv1ndqlsjtcs8si80uhh92kqsn	\N	2026-01-11 17:59:00+00	2026-01-13 14:45:06+00
98	RW-SHZ4GG	40	2281 MGS	LPA	2026-01-15 16:00:00+00	2026-01-21 18:00:00+00	confirmed	23900	EUR	pi_3tElzt7Rw1tKc9ZqtFPVL9Jm	s92h6rsui43cd7e99oslopn31c	\N	2026-01-12 07:31:03+00	2026-01-12 07:31:03+00
99	RW-G9N023	115	BE-02-MB	FAO	2026-01-15 11:30:00+00	2026-01-22 11:30:00+00	confirmed	68000	EUR	pi_3oyN7fMRw1tKc9ZqtLjZYgPK	usaelj0p50am759dn0kd8ba8t9	\N	2026-01-13 10:06:16+00	2026-01-13 10:06:16+00
100	RW-CKHK2V	47	4415 ZCJ	MAD	2026-03-06 08:30:00+00	2026-03-08 08:30:00+00	cancelled	13400	EUR	pi_3m4j8HpRw1tKc9ZqQ3MCa7wM	gota0ov91jlrpthtirorrik9pb	\N	2026-01-14 09:43:23+00	2026-02-13 06:42:52+00
101	RW-WNGMRH	116	RF-97-PF	OPO	2026-01-19 12:00:00+00	2026-01-28 11:00:00+00	confirmed	46800	EUR	pi_3e5l3mPRw1tKc9ZqzRvOUCj0	\N	\N	2026-01-15 11:14:31+00	2026-01-16 23:23:31+00
102	RW-MPRU5Y	118	TD-59-DL	LIS	2026-01-25 08:30:00+00	2026-01-29 08:30:00+00	confirmed	27900	EUR	pi_3DfxK5rRw1tKc9Zqf2Jv3TxX	\N	Voucher from partner agency: PTA\\2026\\118	2026-01-16 03:31:22+00	2026-01-16 03:31:22+00
103	RW-15ATQ5	45	CJ-07-GV	LIS	2026-02-03 17:00:00+00	2026-02-04 17:00:00+00	confirmed	7700	EUR	pi_3d9ZIGYRw1tKc9ZqOTApv7ff	5ar3pdcive31lfr0jd8gfr6asj	\N	2026-01-16 05:35:50+00	2026-01-17 09:31:07+00
104	RW-YNGCQL	74	GT-56-EX	LIS	2026-01-19 14:00:00+00	2026-01-26 14:00:00+00	confirmed	23900	EUR	pi_3F2ldQ6Rw1tKc9ZqCWj4owG1	ghgskek7q9pmk1g26f3028cjru	Corporate booking\tPO 4471	2026-01-17 16:33:06+00	2026-01-17 16:33:06+00
105	RW-UCC89X	83	MM-43-ZR	LIS	2026-01-22 13:30:00+00	2026-01-25 15:30:00+00	confirmed	22300	EUR	pi_3Ml6vL6Rw1tKc9ZqgA7PJyxl	a4od21f2tkuf9qt9lvbkhluoc6	\N	2026-01-18 02:32:02+00	2026-01-18 02:32:02+00
106	RW-DW7TW7	121	QB-01-EP	FAO	2026-02-04 13:30:00+00	2026-02-09 15:30:00+00	confirmed	35700	EUR	pi_3iOF6PARw1tKc9ZqTBjDaGbd	kufotqfam1q39lif5fqdal6cn1	\N	2026-01-18 08:24:41+00	2026-01-18 08:24:41+00
107	RW-T133XK	122	3139 CJP	BCN	2026-01-21 14:30:00+00	2026-01-29 13:30:00+00	confirmed	39200	EUR	pi_3fRfXZdRw1tKc9Zq4egQ7NJs	\N	\N	2026-01-18 20:33:50+00	2026-01-18 20:33:50+00
108	RW-PZIMO8	123	XF-48-DZ	FAO	2026-03-10 14:00:00+00	2026-03-18 14:00:00+00	confirmed	49500	EUR	pi_3310pgcRw1tKc9Zqtf5j2Nln	gru7fp0a7bnhnfq4qoeje355f9	Arriving by train; call when at the desk	2026-01-20 03:24:55+00	2026-01-20 03:24:55+00
109	RW-QUHK3Q	48	CG-08-UQ	OPO	2026-01-26 08:30:00+00	2026-01-31 08:00:00+00	confirmed	29000	EUR	pi_3IUMm9qRw1tKc9ZqXJhRCw3x	ac3ncq7mbgggokv1drhu5pbuam	\N	2026-01-21 03:36:06+00	2026-01-21 03:36:06+00
110	RW-KWMO50	124	CG-08-UQ	OPO	2026-03-22 08:30:00+00	2026-03-24 08:30:00+00	confirmed	11600	EUR	pi_3ZMWQVbRw1tKc9ZqZgYhx6yD	2fkfqofllvk4cb7j8q0oabe3ru	\N	2026-01-21 12:51:55+00	2026-01-21 12:51:55+00
111	RW-4DKD9L	57	2928 MMZ	MAD	2026-02-03 17:30:00+00	2026-02-05 17:30:00+00	confirmed	12600	EUR	pi_3mqGTsJRw1tKc9ZqOWhr5XWn	avolad3dkndtt0gr8h6jnhd1mb	\N	2026-01-21 23:26:47+00	2026-01-21 23:26:47+00
112	RW-V44E6M	116	4855 PBM	LPA	2026-01-26 16:30:00+00	2026-01-30 18:30:00+00	confirmed	18000	EUR	pi_3aYVOcpRw1tKc9ZqfdgUB0uE	cn60hcj6vmjuv1fl1cc9tgt5e5	\N	2026-01-22 16:38:43+00	2026-01-22 16:38:43+00
113	RW-GLFHRY	78	PB-94-ZA	LIS	2026-03-20 17:30:00+00	2026-03-26 16:30:00+00	confirmed	32700	EUR	pi_3IOWrywRw1tKc9ZqNp16qIwr	\N	\N	2026-01-22 22:22:49+00	2026-01-22 22:22:49+00
114	RW-JAEXCR	20	PB-94-ZA	LIS	2026-02-10 16:00:00+00	2026-02-11 15:00:00+00	confirmed	7200	EUR	pi_3Ss6Cm8Rw1tKc9ZqDechxH0j	e4c56db1ic8v1742j9e851l8mj	\N	2026-01-22 23:13:13+00	2026-01-22 23:13:13+00
115	RW-OMV6PS	125	CG-08-UQ	OPO	2026-02-18 10:00:00+00	2026-02-24 10:00:00+00	confirmed	34800	EUR	pi_3CLW7KkRw1tKc9ZqTPZ7X2WO	rlemlkpc6e16j0u2lsl2r29iui	\N	2026-01-23 00:36:17+00	2026-01-23 00:36:17+00
116	RW-MPJBI7	34	HO-79-JF	LIS	2026-03-04 10:00:00+00	2026-03-07 10:00:00+00	confirmed	18900	EUR	\N	67hpo7an27s3ajeeulo39qerfg	\N	2026-01-23 04:39:39+00	2026-01-23 04:39:39+00
117	RW-3IA1G4	16	SU-48-NP	OPO	2026-02-03 10:30:00+00	2026-02-10 10:30:00+00	confirmed	34300	EUR	pi_3S0gBRqRw1tKc9Zq77UknWtm	aadas88vudefs7u7d6vlvog67r	\N	2026-01-23 08:06:30+00	2026-01-24 18:30:56+00
118	RW-RT3Q89	126	0267 FKF	LPA	2026-01-27 17:00:00+00	2026-02-02 16:30:00+00	confirmed	20700	EUR	pi_3mgnd2DRw1tKc9ZqmWIalz5s	tm4mo4432isomsd0ubnljrt6no	\N	2026-01-23 21:48:13+00	2026-01-24 18:08:35+00
119	RW-DVONLT	127	CJ-07-GV	LIS	2026-02-11 13:00:00+00	2026-02-24 13:00:00+00	confirmed	82100	EUR	pi_3EULsb2Rw1tKc9ZqX0VD2MrD	vt2ks6rcpicgci336pteog9u3t	\N	2026-01-24 02:15:35+00	2026-01-24 23:33:56+00
120	RW-DE4NJ5	33	0267 FKF	LPA	2026-03-19 16:30:00+00	2026-03-24 16:30:00+00	confirmed	17500	EUR	pi_35q6WUTRw1tKc9Zq1yp92Zum	j65b0agdo6bc0qbvtj4eugnsak	\N	2026-01-24 06:24:35+00	2026-01-24 06:24:35+00
121	RW-6UWAZD	128	8914 YVK	MAD	2026-03-09 17:30:00+00	2026-03-12 19:30:00+00	confirmed	11200	EUR	pi_3i8FCRrRw1tKc9ZqjfxpPcLC	\N	\N	2026-01-24 18:58:33+00	2026-01-24 18:58:33+00
122	RW-YFVBBW	57	HO-79-JF	LIS	2026-02-22 11:30:00+00	2026-02-26 11:30:00+00	confirmed	27900	EUR	pi_3WeJXeoRw1tKc9Zq0j64aL8z	\N	\N	2026-01-24 22:07:57+00	2026-01-24 22:07:57+00
123	RW-KMTQX7	107	2857 KWF	BCN	2026-02-03 16:30:00+00	2026-02-11 16:30:00+00	confirmed	77600	EUR	pi_31cHCDcRw1tKc9Zqrv9z4FEz	\N	\N	2026-01-25 15:27:03+00	2026-01-25 15:27:03+00
124	RW-IRNSV8	49	UQ-05-QU	FAO	2026-01-27 12:00:00+00	2026-02-03 11:00:00+00	confirmed	24600	EUR	pi_3JYhevjRw1tKc9ZqF5Fzanni	hnc011npq4praefifttqur5e69	\N	2026-01-26 10:37:51+00	2026-01-26 10:37:51+00
125	RW-IU0FYC	129	PB-94-ZA	LIS	2026-01-27 14:30:00+00	2026-01-31 14:30:00+00	cancelled	24300	EUR	pi_32gVf9xRw1tKc9Zqegoc4AMV	\N	\N	2026-01-26 14:26:21+00	2026-01-27 12:20:18+00
126	RW-I67J7E	130	QB-01-EP	FAO	2026-02-16 08:00:00+00	2026-02-17 08:00:00+00	confirmed	6700	EUR	pi_3Nnh9FERw1tKc9ZqdWhFnswg	h493d3pr8jjspf19o89v65uded	\N	2026-01-27 18:04:42+00	2026-01-27 18:04:42+00
127	RW-6YN674	112	EH-93-VZ	FAO	2026-01-30 17:00:00+00	2026-02-04 17:00:00+00	confirmed	23500	EUR	pi_3va6Cg2Rw1tKc9Zq8tE6glQD	ahsr44upf54rggqfqcs273hf28	\N	2026-01-28 21:56:13+00	2026-01-28 21:56:13+00
128	RW-W0D4JR	132	QB-01-EP	FAO	2026-01-31 10:30:00+00	2026-02-04 10:30:00+00	confirmed	22300	EUR	pi_3RhZ1JuRw1tKc9Zq0jhuwiyA	so4rvhg73pc30755jsi2ag6bq7	\N	2026-01-29 21:49:25+00	2026-01-29 21:49:25+00
129	RW-ZYU2MH	62	TD-59-DL	LIS	2026-03-27 19:00:00+00	2026-04-06 17:00:00+00	confirmed	59500	EUR	pi_35Q8wYMRw1tKc9ZqPP4Ail7u	e8bvj6pkeu2aeoia43bs72tvcd	\N	2026-01-31 12:01:39+00	2026-01-31 12:01:39+00
130	RW-X19D0G	134	1864 RMM	MAD	2026-02-24 07:30:00+00	2026-02-28 07:30:00+00	confirmed	23200	EUR	pi_3mg4zGxRw1tKc9ZquO9HVrw6	97a854fjrv4jhq0dnglj9t5ufq	\N	2026-02-01 06:53:08+00	2026-02-01 06:53:08+00
131	RW-45NDU4	97	UQ-05-QU	FAO	2026-03-28 12:00:00+00	2026-04-02 10:00:00+00	confirmed	15500	EUR	pi_3JLO5CKRw1tKc9Zqnbopi4JW	n4mv98peotu04429u0vcd7l0lg	\N	2026-02-02 00:21:32+00	2026-02-16 15:34:46+00
132	RW-N0KVK6	136	4855 PBM	LPA	2026-02-26 19:30:00+00	2026-02-27 19:30:00+00	confirmed	4300	EUR	pi_3bCtHVzRw1tKc9ZqQ5bdmGQq	\N	\N	2026-02-02 22:14:00+00	2026-02-02 22:14:00+00
133	RW-ZDOHHU	137	XF-48-DZ	FAO	2026-02-28 13:00:00+00	2026-03-04 15:00:00+00	confirmed	27500	EUR	pi_36MwV85Rw1tKc9ZqhlhK3yNx	hhh1v2oeu6aarbshcs6qg1vi7t	\N	2026-02-03 10:20:39+00	2026-02-03 10:20:39+00
134	RW-QYWEJQ	138	BE-02-MB	FAO	2026-02-27 10:00:00+00	2026-03-02 10:00:00+00	confirmed	30000	EUR	pi_3fkEsX2Rw1tKc9ZqqSdWzrpT	u2h7nmpd0ggof7hs98v7mp9fsv	\N	2026-02-03 16:46:10+00	2026-02-03 16:46:10+00
135	RW-GFLEX6	52	4855 PBM	LPA	2026-02-16 11:30:00+00	2026-02-23 11:30:00+00	confirmed	24600	EUR	pi_3YHh7IhRw1tKc9ZqaGHMSa0f	\N	\N	2026-02-04 09:15:29+00	2026-02-04 09:15:29+00
136	RW-H0LU2L	139	TD-59-DL	LIS	2026-02-16 08:00:00+00	2026-02-19 10:00:00+00	confirmed	24700	EUR	pi_39sM61qRw1tKc9ZqyagBK2SY	t5etfbeb3917mgus4dgn4ps2q5	\N	2026-02-04 16:35:45+00	2026-02-05 14:56:13+00
137	RW-MVAK00	140	HO-79-JF	LIS	2026-02-10 16:00:00+00	2026-02-18 15:00:00+00	confirmed	47900	EUR	pi_3kHn9fURw1tKc9Zq8IEyBsZn	ocbbmqbnde8mj968onh14job0k	\N	2026-02-05 03:00:41+00	2026-02-05 03:00:41+00
138	RW-3B9794	141	JO-01-US	LIS	2026-02-19 19:00:00+00	2026-02-23 19:00:00+00	confirmed	39500	EUR	pi_3MGqPoWRw1tKc9ZqNTS0kh2c	jhj4evtunjf4m4d0qoqklojtvq	\N	2026-02-05 15:28:10+00	2026-02-05 15:28:10+00
139	RW-TKGCE6	142	QB-01-EP	FAO	2026-02-20 13:30:00+00	2026-02-27 13:30:00+00	confirmed	37900	EUR	pi_3ZaRxySRw1tKc9Zqlal8LZJR	la2cifsrd00os998b6ou8kmd4f	\N	2026-02-06 04:42:30+00	2026-02-06 04:42:30+00
140	RW-J599BN	56	MV-33-QB	LIS	2026-02-14 11:00:00+00	2026-02-23 10:30:00+00	confirmed	29400	EUR	pi_3U1B4QxRw1tKc9ZqSoTvavN0	f8n8mf6e51d0tk3750je7kshs0	\N	2026-02-06 05:11:48+00	2026-02-06 05:11:48+00
141	RW-N8TZGC	143	HO-79-JF	LIS	2026-03-07 13:00:00+00	2026-03-15 13:00:00+00	confirmed	57500	EUR	pi_3knvLa7Rw1tKc9ZqX4TBxbg3	fruphk05p2qv8n1oni5j3t05rg	Flight TP1350, arrives 23:40	2026-02-06 21:42:14+00	2026-02-06 21:42:14+00
142	RW-HBDCQ6	144	TD-59-DL	LIS	2026-02-21 08:00:00+00	2026-03-04 10:00:00+00	confirmed	77100	EUR	pi_3ZmymF9Rw1tKc9ZqYsZYUPql	3oqb35n5m4le3t81mk8p7ng67h	Voucher from partner agency: PTA\\2026\\118	2026-02-06 21:59:29+00	2026-02-06 21:59:29+00
143	RW-NPUE1N	145	AG-09-RR	OPO	2026-02-21 11:30:00+00	2026-02-26 13:30:00+00	confirmed	64200	EUR	pi_3dgd9K0Rw1tKc9ZqZUcPRs9w	e5vtc6fi69brnlkb5qgq8jdio6	\N	2026-02-06 22:55:04+00	2026-02-06 22:55:04+00
144	RW-CZ4DFL	147	0267 FKF	LPA	2026-02-08 09:00:00+00	2026-02-09 09:00:00+00	confirmed	4700	EUR	pi_32KgdvsRw1tKc9ZqVRLpGuiA	c1vphg5ncugkc3b80ra09gsi45	Corporate booking\tPO 4471	2026-02-07 09:02:18+00	2026-02-07 09:02:18+00
145	RW-HS3VS3	132	4415 ZCJ	MAD	2026-03-26 16:00:00+00	2026-04-03 15:00:00+00	confirmed	49600	EUR	pi_3EIf5RrRw1tKc9Zqez61cU1b	72v1hakch4ln5lilb61p3a70b4	\N	2026-02-07 09:23:38+00	2026-02-07 09:23:38+00
146	RW-JQK4C3	66	NH-54-DC	OPO	2026-03-02 09:00:00+00	2026-03-04 09:00:00+00	confirmed	6600	EUR	pi_37rgVv3Rw1tKc9ZqNOa7S80r	kdrqrbs07jbpt5io8gntj9ebvc	Prefers an automatic gearbox	2026-02-07 09:50:00+00	2026-02-07 09:50:00+00
147	RW-TOQLYA	7	7017 RYY	MAD	2026-03-24 08:30:00+00	2026-03-28 08:30:00+00	confirmed	20800	EUR	pi_3vDHGT0Rw1tKc9Zq2XYZ7h5q	t2e1pjb97l1vjm763c97sn0e9d	Will pay the fuel deposit in cash	2026-02-07 11:37:19+00	2026-02-07 11:37:19+00
148	RW-2LAX22	135	CG-08-UQ	OPO	2026-02-08 17:00:00+00	2026-02-11 16:30:00+00	confirmed	18900	EUR	pi_3avgYYPRw1tKc9ZqD8gQQHwf	1tdujgoanaca8v0t5pq70emmq8	\N	2026-02-07 20:26:52+00	2026-02-07 20:26:52+00
149	RW-503WVQ	39	5590 XMD	MAD	2026-03-28 13:30:00+00	2026-04-03 12:30:00+00	confirmed	19200	EUR	pi_3YwWJ4uRw1tKc9ZqZLf5cUeo	\N	\N	2026-02-09 02:15:41+00	2026-02-09 02:15:41+00
150	RW-Q2DW7M	4	1864 RMM	MAD	2026-03-05 18:30:00+00	2026-03-08 18:30:00+00	confirmed	19800	EUR	pi_31dFr7JRw1tKc9ZqPOlpB6pn	s214gvbm669398eb3ukd9vk9mo	\N	2026-02-09 03:20:11+00	2026-02-09 03:20:11+00
151	RW-W5ACLT	148	SU-48-NP	OPO	2026-02-27 15:00:00+00	2026-03-04 14:30:00+00	confirmed	24500	EUR	pi_35LZe3ZRw1tKc9ZqJxZVit6s	t1q6bci17sr25pkkean6bi1l23	Arriving by train; call when at the desk	2026-02-09 08:34:47+00	2026-02-09 08:34:47+00
152	RW-AQKWLJ	149	2857 KWF	BCN	2026-04-04 11:30:00+00	2026-04-12 10:30:00+00	confirmed	71200	EUR	pi_3kHXlkQRw1tKc9ZqcXPh2YEf	srjqmccvuprs8tg8ldi1oidlbp	\N	2026-02-10 05:22:39+00	2026-02-10 05:22:39+00
153	RW-X2LACX	29	GT-56-EX	LIS	2026-02-19 09:30:00+00	2026-02-23 11:30:00+00	confirmed	17500	EUR	pi_3TMVC4HRw1tKc9ZqaEKQ3GKj	adkh73mthe6v7dv5u9e8dkhjse	\N	2026-02-10 09:02:31+00	2026-02-10 09:02:31+00
154	RW-EP29GM	151	XF-48-DZ	FAO	2026-02-13 18:30:00+00	2026-02-22 18:30:00+00	confirmed	48300	EUR	pi_37lX2DWRw1tKc9ZqHJtgPUIR	\N	\N	2026-02-10 14:56:04+00	2026-02-11 00:45:34+00
155	RW-CMR0GY	152	1864 RMM	MAD	2026-02-11 08:30:00+00	2026-02-13 08:30:00+00	confirmed	11600	EUR	pi_3EfVDbRRw1tKc9ZqYCXrWIiW	\N	\N	2026-02-10 15:18:33+00	2026-02-10 15:18:33+00
156	RW-QRQEUF	17	AG-09-RR	OPO	2026-03-17 17:00:00+00	2026-03-22 19:00:00+00	confirmed	57000	EUR	pi_3oRSW0JRw1tKc9ZqHLSPeXxq	14sa0qs20urk6277fqhktd1f1p	\N	2026-02-10 16:29:01+00	2026-02-10 16:29:01+00
157	RW-EVUUXB	40	XF-48-DZ	FAO	2026-03-22 12:00:00+00	2026-03-25 11:00:00+00	confirmed	17100	EUR	pi_3QEPP0lRw1tKc9ZqZ7SVIAla	f0seejl61ai7a9r75l1gf5lul4	\N	2026-02-11 04:57:15+00	2026-02-11 04:57:15+00
158	RW-1OCWZY	154	5029 GXL	BCN	2026-02-22 09:30:00+00	2026-03-04 09:30:00+00	confirmed	28000	EUR	\N	43a17o54sbigf65rlc57v7chuo	\N	2026-02-11 23:11:04+00	2026-02-11 23:11:04+00
159	RW-0GHCB4	37	HO-79-JF	LIS	2026-04-04 17:00:00+00	2026-04-05 17:00:00+00	cancelled	7800	EUR	pi_3kyXPnDRw1tKc9Zq4W1T7uF4	uc37b3bb7r2m9otn6c7u2aua0r	\N	2026-02-12 02:22:37+00	2026-02-17 08:13:22+00
160	RW-9NR97A	155	BE-02-MB	FAO	2026-02-18 14:30:00+00	2026-02-26 14:30:00+00	confirmed	83900	EUR	pi_33JwUyeRw1tKc9ZqIefMJyi3	k59o1vmn2onn2mm3um4ee5j0c1	\N	2026-02-12 16:01:55+00	2026-02-12 16:01:55+00
161	RW-KL5OKI	56	UQ-05-QU	FAO	2026-02-14 17:30:00+00	2026-02-16 17:30:00+00	confirmed	9500	EUR	pi_3qfW8npRw1tKc9ZquXdOWtay	4plf5ljmkfeq87cck60flkdgco	\N	2026-02-13 04:26:43+00	2026-02-13 04:26:43+00
162	RW-EAXDL6	73	UQ-05-QU	FAO	2026-02-20 19:30:00+00	2026-02-22 19:30:00+00	confirmed	7100	EUR	pi_39cUF5FRw1tKc9ZqNkUvjFAR	77vv4tbf3g9j7rqkj9umcot497	\N	2026-02-13 13:21:30+00	2026-02-13 13:21:30+00
163	RW-C44NVF	156	2928 MMZ	MAD	2026-02-19 10:00:00+00	2026-02-28 12:00:00+00	confirmed	58000	EUR	pi_3rZ7AaLRw1tKc9ZqNylxvyqJ	8csskbo970iijk3mqa3c6ook8i	Prefers an automatic gearbox	2026-02-13 21:16:54+00	2026-02-13 21:16:54+00
164	RW-BO7D9U	158	4855 PBM	LPA	2026-04-05 13:00:00+00	2026-04-09 13:00:00+00	confirmed	12700	EUR	pi_3iJlHMRRw1tKc9ZqEzy739NA	\N	\N	2026-02-14 17:51:32+00	2026-02-14 17:51:32+00
165	RW-YEQ95H	21	8914 YVK	MAD	2026-02-25 07:00:00+00	2026-03-04 06:30:00+00	confirmed	19600	EUR	pi_3OagWcCRw1tKc9ZqQYUrSy3A	2dgman2v2hhomvgsisd44unn0s	\N	2026-02-15 11:10:40+00	2026-02-15 11:10:40+00
166	RW-YLA1RP	159	5590 XMD	MAD	2026-03-17 18:00:00+00	2026-03-24 20:00:00+00	confirmed	25600	EUR	pi_3wH8vxdRw1tKc9ZqMnLlSuCI	ru0b26e64o8lubrkbgtehjh2h4	\N	2026-02-15 13:07:27+00	2026-02-15 13:07:27+00
167	RW-L82BTF	160	UH-20-MA	LIS	2026-03-22 10:30:00+00	2026-03-29 09:00:00+00	confirmed	21100	EUR	pi_3lkXUtbRw1tKc9ZqEeBaU69f	46i57abqn03esbf82u88tlgheo	\N	2026-02-15 17:19:22+00	2026-02-21 23:48:40+00
168	RW-ALY6FZ	99	XF-48-DZ	FAO	2026-03-01 15:30:00+00	2026-03-05 15:30:00+00	confirmed	22300	EUR	pi_39DSHrURw1tKc9ZqyRjuznvB	4vgkkeertdtipjdrps6juk0qd3	\N	2026-02-16 01:34:10+00	2026-02-16 01:34:10+00
169	RW-62C1PK	46	2928 MMZ	MAD	2026-03-02 14:30:00+00	2026-03-05 14:30:00+00	confirmed	19800	EUR	pi_3a10zFGRw1tKc9Zqo4273tvP	1n5ep9h1o8j2ai93u4dcacotng	\N	2026-02-16 10:03:36+00	2026-02-16 10:03:36+00
170	RW-8G1SKF	85	MM-43-ZR	LIS	2026-03-05 08:00:00+00	2026-03-17 08:00:00+00	confirmed	63900	EUR	pi_3uH57jKRw1tKc9Zqxzg5IPwW	bdhhjop4c2da8qpkt794nnnqnr	\N	2026-02-16 14:17:23+00	2026-02-16 14:17:23+00
171	RW-LTEIRK	161	QB-01-EP	FAO	2026-03-24 18:30:00+00	2026-03-30 17:30:00+00	confirmed	32700	EUR	pi_3e4pdWBRw1tKc9ZqWJrawrvl	o2omo9bdg7sehlh5jflams9i2n	\N	2026-02-18 11:41:04+00	2026-02-18 11:41:04+00
172	RW-GAUIKG	162	2857 KWF	BCN	2026-02-19 14:30:00+00	2026-02-26 14:00:00+00	cancelled	62300	EUR	pi_3qV79vJRw1tKc9ZqBq9e4C1o	635burcs348er2hbo49smvlihd	\N	2026-02-18 17:44:08+00	2026-02-19 02:09:15+00
173	RW-R7FON1	163	JO-01-US	LIS	2026-04-16 08:30:00+00	2026-04-19 07:30:00+00	confirmed	30000	EUR	pi_3SdSswzRw1tKc9ZqZDtUKqaq	hk8f3775gg49mlk40ukv1c9o7h	\N	2026-02-19 00:15:35+00	2026-02-19 00:15:35+00
174	RW-GHCTN7	164	8914 YVK	MAD	2026-04-12 12:30:00+00	2026-04-14 12:30:00+00	confirmed	5600	EUR	pi_38deesDRw1tKc9ZqqCrGDYQv	jdmvan9ikh7uqanlcmprh1ek9v	\N	2026-02-19 04:02:30+00	2026-02-19 04:02:30+00
175	RW-VIMDBR	165	4855 PBM	LPA	2026-03-07 19:00:00+00	2026-03-10 19:00:00+00	confirmed	12300	EUR	pi_3P0yYIJRw1tKc9Zq2VzSqzoq	5vbtoduik627c11131l5212uc7	\N	2026-02-19 06:29:53+00	2026-02-19 06:29:53+00
176	RW-EMFXE0	72	GT-56-EX	LIS	2026-03-06 09:00:00+00	2026-03-09 11:00:00+00	confirmed	16300	EUR	pi_3T5ZTTPRw1tKc9ZqUjxM1JC2	q32a02lgmk0kuln3j7fdi9pd3d	Customer asked for a car with a tow bar	2026-02-19 15:33:43+00	2026-02-19 15:33:43+00
177	RW-I7ZOYY	166	UH-20-MA	LIS	2026-02-23 13:30:00+00	2026-02-28 12:30:00+00	confirmed	18000	EUR	pi_3zXd9yVRw1tKc9ZqZDBg9ll9	dk5cnh4evstkmqi68mpirj1dd1	\N	2026-02-20 10:59:50+00	2026-02-23 05:37:25+00
178	RW-2EFPD2	167	5029 GXL	BCN	2026-03-31 11:00:00+00	2026-04-10 11:00:00+00	confirmed	33000	EUR	pi_3DrWhFpRw1tKc9Zqkos8Ggw2	8a6ebc3j89026peiv9esr4v9jo	\N	2026-02-21 12:16:17+00	2026-02-21 12:16:17+00
179	RW-FS66AA	168	1567 BSZ	MAD	2026-03-06 17:30:00+00	2026-03-14 16:30:00+00	confirmed	76000	EUR	\N	fnvkr24sfghspibb38tco0nutu	\N	2026-02-21 21:56:32+00	2026-02-21 21:56:32+00
180	RW-YRJFN5	169	UQ-05-QU	FAO	2026-03-02 16:30:00+00	2026-03-07 16:30:00+00	confirmed	18000	EUR	pi_3ASutKbRw1tKc9ZqVEwxSRk6	u6a0fr8bl2pbecpq76ddq38ae4	\N	2026-02-22 18:39:44+00	2026-02-22 18:39:44+00
181	RW-ID4TC5	67	5757 WYB	BCN	2026-03-07 11:30:00+00	2026-03-08 11:30:00+00	confirmed	9500	EUR	\N	ib95g2tim31aipctgbvn79e51c	Will pay the fuel deposit in cash	2026-02-23 09:19:42+00	2026-02-23 09:19:42+00
182	RW-CLY1QQ	98	3139 CJP	BCN	2026-03-16 10:30:00+00	2026-03-20 10:30:00+00	confirmed	19600	EUR	pi_3YxWgnxRw1tKc9ZqLx3D7zsr	qodcv10elkqjjpq3pc7h2sahna	\N	2026-02-24 11:14:42+00	2026-02-24 11:14:42+00
183	RW-G1YBR4	170	SU-48-NP	OPO	2026-03-15 11:00:00+00	2026-03-19 11:00:00+00	confirmed	19600	EUR	pi_3Rl8Sv4Rw1tKc9ZqXPSwLATG	60luieib97mmn6j5f2aoonft81	\N	2026-02-24 17:45:10+00	2026-02-24 17:45:10+00
184	RW-O0I8VN	10	CJ-07-GV	LIS	2026-04-22 13:00:00+00	2026-05-02 15:00:00+00	confirmed	69700	EUR	\N	2c9p9609gd4361cc8ien3fgc0g	\N	2026-02-24 21:28:07+00	2026-02-24 21:28:07+00
185	RW-27VS7N	58	UH-20-MA	LIS	2026-04-02 15:00:00+00	2026-04-15 14:30:00+00	confirmed	48300	EUR	pi_3gPzmnYRw1tKc9ZqdMy6QSKK	k8rt9beo2rf7auma6d5fbjovn6	\N	2026-02-25 04:07:03+00	2026-02-27 23:32:20+00
186	RW-HDZE9R	66	XF-48-DZ	FAO	2026-04-02 14:00:00+00	2026-04-05 14:00:00+00	confirmed	18600	EUR	pi_3i3X7DiRw1tKc9Zqzv8SX3hU	45irgotm04q55mmbcsbi16e4tc	\N	2026-02-25 07:36:32+00	2026-02-25 07:36:32+00
187	RW-5OQ41N	15	JO-01-US	LIS	2026-02-26 08:00:00+00	2026-03-03 08:00:00+00	confirmed	49000	EUR	\N	m8abvqg4t8mig28kvspel79g3t	\N	2026-02-25 09:52:20+00	2026-02-25 09:52:20+00
188	RW-LHK6S7	171	5590 XMD	MAD	2026-03-06 14:30:00+00	2026-03-11 14:30:00+00	confirmed	16000	EUR	pi_3gbvIsjRw1tKc9ZqEFsK5Kbl	bivo1afhh12fcrsp5ma8ks7ojf	\N	2026-02-25 12:00:13+00	2026-02-25 12:00:13+00
189	RW-RBKH5W	85	RF-97-PF	OPO	2026-03-03 17:30:00+00	2026-03-15 17:00:00+00	confirmed	68400	EUR	pi_3vq9bLtRw1tKc9Zq0VuO2q9x	3pa0e7ho7c76sonas3bg0nhii4	\N	2026-02-25 14:07:47+00	2026-02-25 14:07:47+00
190	RW-NODTVM	167	QJ-31-ID	LIS	2026-03-09 15:30:00+00	2026-03-20 14:30:00+00	confirmed	55400	EUR	\N	1nn07fam2qeqc9keptobnmfsgl	\N	2026-02-25 15:26:59+00	2026-02-25 15:26:59+00
191	RW-TUYNBN	172	AG-09-RR	OPO	2026-04-11 15:00:00+00	2026-04-20 17:00:00+00	confirmed	95000	EUR	\N	9r0bppdut0nhkcc3d5934css2e	\N	2026-02-26 06:26:25+00	2026-02-26 06:26:25+00
192	RW-54VYG2	173	CG-08-UQ	OPO	2026-04-16 12:00:00+00	2026-04-24 14:00:00+00	confirmed	52200	EUR	pi_3WMPZakRw1tKc9Zq92DcrGAG	671uff0snqrtrk1ls8dosoird6	\N	2026-02-27 13:56:08+00	2026-02-27 13:56:08+00
193	RW-UPQJ04	95	GT-56-EX	LIS	2026-03-08 16:00:00+00	2026-03-11 18:00:00+00	confirmed	14300	EUR	\N	joeivjsa4llr48174jtjq3irvg	\N	2026-02-27 15:57:15+00	2026-02-27 15:57:15+00
194	RW-JV8SZ9	80	MV-33-QB	LIS	2026-02-28 08:00:00+00	2026-03-05 10:00:00+00	confirmed	20100	EUR	pi_3MCsGYaRw1tKc9ZqOVUUGNUu	shgbjatbbsb5tcj8ha5208j09v	\N	2026-02-28 01:45:46+00	2026-02-28 01:45:46+00
195	RW-QPU3F0	175	UH-20-MA	LIS	2026-03-11 10:00:00+00	2026-03-15 12:00:00+00	confirmed	18000	EUR	pi_3b7F4vbRw1tKc9ZqBVjCtbo4	8eeen1r1crlt2r1531sbmg9e5n	\N	2026-02-28 08:21:11+00	2026-02-28 08:21:11+00
196	RW-PMG5IR	176	5757 WYB	BCN	2026-03-10 11:30:00+00	2026-03-13 11:30:00+00	confirmed	28500	EUR	pi_38YJuPHRw1tKc9ZqgqX2BfRY	7o7s74gemb9icqp0hnou9ta969	\N	2026-02-28 09:41:37+00	2026-02-28 09:41:37+00
197	RW-IDM0D6	177	BE-02-MB	FAO	2026-03-14 18:00:00+00	2026-03-15 18:00:00+00	confirmed	11000	EUR	pi_3rhS2m8Rw1tKc9ZqrOhNOYqM	\N	\N	2026-02-28 17:00:42+00	2026-02-28 17:00:42+00
198	RW-042EE0	134	NH-54-DC	OPO	2026-03-20 11:00:00+00	2026-03-25 13:00:00+00	confirmed	16800	EUR	pi_3BqKo9gRw1tKc9Zq9jpskbec	jkn694n6vk2hh82hjd1je84ia8	\N	2026-02-28 23:47:15+00	2026-02-28 23:47:15+00
199	RW-HXPXPS	86	7017 RYY	MAD	2026-03-14 10:00:00+00	2026-03-16 10:00:00+00	confirmed	10400	EUR	\N	7muinqdths2h1q99fro8hsunoo	\N	2026-03-01 06:05:26+00	2026-03-01 06:05:26+00
200	RW-818UJV	178	CG-08-UQ	OPO	2026-03-13 17:30:00+00	2026-03-18 17:30:00+00	confirmed	29000	EUR	pi_3m8ptsERw1tKc9ZqdJR5W2tu	nkhpdm4qa93hqtim104io21e47	\N	2026-03-01 18:29:26+00	2026-03-01 18:29:26+00
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

SELECT pg_catalog.setval('public.customers_id_seq', 178, true);


--
-- TOC entry 3400 (class 0 OID 0)
-- Dependencies: 220
-- Name: payments_id_seq; Type: SEQUENCE SET; Schema: public; Owner: rentwise
--

SELECT pg_catalog.setval('public.payments_id_seq', 199, true);


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

