function mpc = px4
% The hand-computed example of the Power Exchange's design (seed 002; README "The Power Exchange's alternative"):
% a triangle 1-2-3 of equal reactances with bus 4 hanging off bus 3, bus 3 the reference. With bus 3 as reference
% the shift factors are: line 1-2: bus 1 +1/3, bus 2 -1/3; line 2-3: bus 1 +1/3, bus 2 +2/3; line 1-3: bus 1 +2/3,
% bus 2 +1/3; line 3-4: bus 4 -1; so flow 1-3 + flow 2-3 = P1 + P2 (all that flows into bus 3 from buses 1 and 2).
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [
	1	2	0	0	0	0	1	1	0	230	1	1.1	0.9;
	2	1	0	0	0	0	1	1	0	230	1	1.1	0.9;
	3	3	0	0	0	0	1	1	0	230	1	1.1	0.9;
	4	1	200	0	0	0	1	1	0	230	1	1.1	0.9;
];
mpc.gen = [
	1	0	0	100	-100	1	100	1	300	0	0	0	0	0	0	0	0	0	0	0	0;
	3	0	0	100	-100	1	100	1	300	0	0	0	0	0	0	0	0	0	0	0	0;
];
mpc.branch = [
	1	2	0	0.1	0	500	500	500	0	0	1	-360	360;
	2	3	0	0.1	0	500	500	500	0	0	1	-360	360;
	1	3	0	0.1	0	500	500	500	0	0	1	-360	360;
	3	4	0	0.1	0	500	500	500	0	0	1	-360	360;
];
mpc.gencost = [
	2	0	0	2	10	0;
	2	0	0	2	40	0;
];
