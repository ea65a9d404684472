function mpc = flowpath4
% The hand-computed flow-path example (README "The flow-path rights model"): a triangle 1-2-3 of equal
% reactances with bus 4 hanging off bus 3. With bus 3 as reference the flow distribution factors are
% path P12 (line 1-2): bus 1 +1/3, bus 2 -1/3, buses 3 and 4 0; path P23 (line 2-3): bus 1 +1/3, bus 2 +2/3.
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [
	1	2	0	0	0	0	1	1	0	230	1	1.1	0.9;
	2	1	100	0	0	0	1	1	0	230	1	1.1	0.9;
	3	3	0	0	0	0	1	1	0	230	1	1.1	0.9;
	4	1	100	0	0	0	1	1	0	230	1	1.1	0.9;
];
mpc.gen = [
	1	0	0	100	-100	1	100	1	300	0	0	0	0	0	0	0	0	0	0	0	0;
	3	0	0	100	-100	1	100	1	300	0	0	0	0	0	0	0	0	0	0	0	0;
];
mpc.branch = [
	1	2	0	0.1	0	0	0	0	0	0	1	-360	360;
	2	3	0	0.1	0	0	0	0	0	0	1	-360	360;
	1	3	0	0.1	0	0	0	0	0	0	1	-360	360;
	3	4	0	0.1	0	0	0	0	0	0	1	-360	360;
];
mpc.gencost = [
	2	0	0	2	10	0;
	2	0	0	2	30	0;
];
