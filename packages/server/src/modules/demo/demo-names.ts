/**
 * Name and street lists for synthetic people, staff and addresses. Common given names and
 * surnames drawn from public US frequency lists (Social Security Administration baby names, the
 * Census Bureau's frequently occurring surnames), so any combination is plausible and none points
 * to a real person.
 */

export const femaleGivenNames = [
  'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen',
  'Lisa', 'Nancy', 'Betty', 'Sandra', 'Margaret', 'Ashley', 'Kimberly', 'Emily', 'Donna', 'Michelle',
  'Carol', 'Amanda', 'Melissa', 'Deborah', 'Stephanie', 'Dorothy', 'Rebecca', 'Sharon', 'Laura', 'Cynthia',
  'Amy', 'Kathleen', 'Angela', 'Shirley', 'Brenda', 'Emma', 'Anna', 'Pamela', 'Nicole', 'Samantha',
  'Katherine', 'Christine', 'Helen', 'Debra', 'Rachel', 'Carolyn', 'Janet', 'Maria', 'Catherine', 'Heather',
  'Diane', 'Olivia', 'Julie', 'Joyce', 'Victoria', 'Ruth', 'Virginia', 'Lauren', 'Kelly', 'Christina',
  'Joan', 'Evelyn', 'Judith', 'Andrea', 'Hannah', 'Megan', 'Cheryl', 'Jacqueline', 'Martha', 'Madison',
  'Teresa', 'Gloria', 'Sara', 'Janice', 'Ann', 'Kathryn', 'Abigail', 'Sophia', 'Frances', 'Jean',
  'Alice', 'Judy', 'Isabella', 'Julia', 'Grace', 'Amber', 'Denise', 'Danielle', 'Marilyn', 'Beverly',
  'Charlotte', 'Natalie', 'Theresa', 'Diana', 'Brittany', 'Doris', 'Kayla', 'Alexis', 'Lori', 'Marie',
  'Tiffany', 'Tamika', 'Latoya', 'Keisha', 'Ebony', 'Jasmine', 'Aaliyah', 'Imani', 'Destiny', 'Monique',
  'Aisha', 'Priya', 'Mei', 'Linh', 'Thao', 'Hana', 'Yuna', 'Anjali', 'Leilani', 'Kiana',
  'Ava', 'Mia', 'Harper', 'Chloe', 'Zoe', 'Lily', 'Riley', 'Nora', 'Layla', 'Aubrey',
  'Brooke', 'Paige', 'Taylor', 'Morgan', 'Jordan', 'Shannon', 'Erin', 'Tara', 'Wendy', 'Dawn',
  'Crystal', 'April', 'Tonya', 'Misty', 'Holly', 'Robin', 'Vanessa', 'Erica', 'Renee', 'Bonnie',
] as const;

export const maleGivenNames = [
  'James', 'Robert', 'John', 'Michael', 'David', 'William', 'Richard', 'Joseph', 'Thomas', 'Christopher',
  'Charles', 'Daniel', 'Matthew', 'Anthony', 'Mark', 'Donald', 'Steven', 'Andrew', 'Paul', 'Joshua',
  'Kenneth', 'Kevin', 'Brian', 'George', 'Timothy', 'Ronald', 'Jason', 'Edward', 'Jeffrey', 'Ryan',
  'Jacob', 'Gary', 'Nicholas', 'Eric', 'Jonathan', 'Stephen', 'Larry', 'Justin', 'Scott', 'Brandon',
  'Benjamin', 'Samuel', 'Gregory', 'Alexander', 'Patrick', 'Frank', 'Raymond', 'Jack', 'Dennis', 'Jerry',
  'Tyler', 'Aaron', 'Henry', 'Adam', 'Douglas', 'Nathan', 'Peter', 'Zachary', 'Kyle', 'Noah',
  'Ethan', 'Jeremy', 'Walter', 'Christian', 'Keith', 'Roger', 'Terry', 'Austin', 'Sean', 'Gerald',
  'Carl', 'Harold', 'Dylan', 'Arthur', 'Lawrence', 'Jordan', 'Jesse', 'Bryan', 'Billy', 'Bruce',
  'Gabriel', 'Joe', 'Logan', 'Alan', 'Juan', 'Albert', 'Willie', 'Elijah', 'Wayne', 'Randy',
  'Vincent', 'Mason', 'Roy', 'Ralph', 'Bobby', 'Russell', 'Bradley', 'Philip', 'Eugene', 'Louis',
  'Darnell', 'Jamal', 'Terrence', 'Andre', 'Malik', 'DeShawn', 'Marcus', 'Tyrone', 'Jerome', 'Reginald',
  'Wei', 'Minh', 'Arjun', 'Hiroshi', 'Kenji', 'Raj', 'Tuan', 'Sanjay', 'Kai', 'Omar',
  'Liam', 'Lucas', 'Owen', 'Caleb', 'Hunter', 'Connor', 'Cody', 'Travis', 'Dustin', 'Shane',
  'Derek', 'Corey', 'Trevor', 'Wesley', 'Chad', 'Marvin', 'Dale', 'Glen', 'Curtis', 'Troy',
  'Victor', 'Leonard', 'Craig', 'Allen', 'Howard', 'Clarence', 'Francis', 'Calvin', 'Melvin', 'Floyd',
] as const;

/** Given names chosen more often for people recorded as Hispanic or Latino. */
export const hispanicFemaleGivenNames = [
  'Maria', 'Guadalupe', 'Rosa', 'Ana', 'Carmen', 'Sofia', 'Isabella', 'Valentina', 'Camila', 'Lucia',
  'Alejandra', 'Gabriela', 'Daniela', 'Mariana', 'Veronica', 'Adriana', 'Elena', 'Yesenia', 'Leticia', 'Marisol',
  'Esperanza', 'Graciela', 'Beatriz', 'Claudia', 'Patricia', 'Ximena', 'Natalia', 'Paola', 'Lorena', 'Araceli',
] as const;

export const hispanicMaleGivenNames = [
  'Jose', 'Juan', 'Luis', 'Carlos', 'Jesus', 'Miguel', 'Jorge', 'Antonio', 'Francisco', 'Alejandro',
  'Manuel', 'Ricardo', 'Eduardo', 'Fernando', 'Javier', 'Roberto', 'Mateo', 'Santiago', 'Diego', 'Angel',
  'Rafael', 'Sergio', 'Raul', 'Arturo', 'Hector', 'Ernesto', 'Armando', 'Enrique', 'Oscar', 'Ramon',
] as const;

/** Common US surnames across origins (Census 2010 frequent surnames, top ranks). */
export const surnames = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
  'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker',
  'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards',
  'Collins', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan', 'Cooper', 'Peterson', 'Bailey',
  'Reed', 'Kelly', 'Howard', 'Cox', 'Ward', 'Richardson', 'Watson', 'Brooks', 'Wood', 'James',
  'Bennett', 'Gray', 'Hughes', 'Price', 'Sanders', 'Myers', 'Long', 'Ross', 'Foster', 'Powell',
  'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes', 'Fisher',
  'Simmons', 'Patterson', 'Jordan', 'Reynolds', 'Hamilton', 'Graham', 'Wallace', 'Cole', 'West', 'Stevens',
  'Hayes', 'Bryant', 'Ellis', 'Tucker', 'Marshall', 'Owens', 'McDonald', 'Harrison', 'Gibson', 'Wells',
  'Washington', 'Freeman', 'Webb', 'Simpson', 'Stone', 'Hunt', 'Porter', 'Mason', 'Dixon', 'Warren',
  'Hart', 'Knight', 'Black', 'Palmer', 'Mills', 'Holmes', 'Rose', 'Hudson', 'Boyd', 'Hawkins',
  'Grant', 'Payne', 'Fox', 'Lane', 'Dunn', 'Snyder', 'Ferguson', 'Weaver', 'Andrews', 'Spencer',
  'Olson', 'Larson', 'Hansen', 'Nielsen', 'Schmidt', 'Schultz', 'Meyer', 'Weber', 'Wagner', 'Becker',
  'Hoffman', 'Koch', 'Murray', 'Kennedy', 'Ryan', 'Gallagher', 'Brennan', 'Doyle', 'Quinn', 'Walsh',
  'Russo', 'Romano', 'Costa', 'Moretti', 'Greco', 'Novak', 'Kowalski', 'Nowak', 'Ivanov', 'Petrov',
  'Banks', 'Gaines', 'Dorsey', 'Pettaway', 'Mosley', 'Battle', 'Jefferson', 'Booker', 'Tillman', 'Merritt',
  'Begay', 'Yazzie', 'Benally', 'Tsosie', 'Locklear', 'Oxendine', 'Hoskie', 'Deschenie', 'Whitehorse', 'Sampson',
  'Burke', 'Chapman', 'Fleming', 'Harper', 'Lambert', 'Lawson', 'Lynch', 'Mendel', 'Norris', 'Pearson',
  'Reid', 'Sharp', 'Shaw', 'Stanley', 'Tate', 'Vaughn', 'Wade', 'Walton', 'Watts', 'Yates',
] as const;

/** Frequent surnames among Hispanic and Latino households (Census 2010). */
export const hispanicSurnames = [
  'Garcia', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Perez', 'Sanchez', 'Ramirez', 'Torres',
  'Flores', 'Rivera', 'Gomez', 'Diaz', 'Reyes', 'Morales', 'Cruz', 'Ortiz', 'Gutierrez', 'Chavez',
  'Ramos', 'Ruiz', 'Alvarez', 'Mendoza', 'Castillo', 'Jimenez', 'Vasquez', 'Moreno', 'Herrera', 'Medina',
  'Aguilar', 'Vargas', 'Guzman', 'Mendez', 'Castro', 'Munoz', 'Salazar', 'Soto', 'Delgado', 'Pena',
  'Rios', 'Contreras', 'Sandoval', 'Guerrero', 'Estrada', 'Nunez', 'Figueroa', 'Cortez', 'Navarro', 'Campos',
  'Vega', 'Fuentes', 'Carrillo', 'Ibarra', 'Acosta', 'Espinoza', 'Valdez', 'Cervantes', 'Zamora', 'Trujillo',
] as const;

/** Frequent surnames among Asian American households (Census 2010). */
export const asianSurnames = [
  'Nguyen', 'Kim', 'Lee', 'Tran', 'Chen', 'Wang', 'Li', 'Zhang', 'Le', 'Pham',
  'Huang', 'Liu', 'Park', 'Yang', 'Lin', 'Patel', 'Wu', 'Choi', 'Vu', 'Zhou',
  'Chang', 'Huynh', 'Hoang', 'Shah', 'Wong', 'Kang', 'Cho', 'Yoon', 'Tanaka', 'Nakamura',
  'Singh', 'Kumar', 'Sharma', 'Gupta', 'Reddy', 'Cruz', 'Santos', 'Reyes', 'Bautista', 'Dela Cruz',
  'Ho', 'Ngo', 'Dang', 'Bui', 'Do', 'Yamamoto', 'Sato', 'Suzuki', 'Chu', 'Lam',
] as const;

export const streetNames = [
  'Main', 'Front', 'Harbor', 'Bay', 'Ocean View', 'River', 'Lake', 'Mill', 'Commercial', 'Market',
  'Alder', 'Birch', 'Cedar', 'Pine', 'Oak', 'Maple', 'Willow', 'Spruce', 'Hemlock', 'Madrona',
  'Laurel', 'Elm', 'Chestnut', 'Walnut', 'Hawthorne', 'Juniper', 'Fir', 'Sequoia', 'Dogwood', 'Cottonwood',
  'Lincoln', 'Jefferson', 'Washington', 'Franklin', 'Grant', 'Monroe', 'Madison', 'Jackson', 'Adams', 'Garfield',
  'Park', 'Church', 'School', 'College', 'Garden', 'Orchard', 'Meadow', 'Prairie', 'Ridge', 'Summit',
  'Valley', 'Crescent', 'Heron', 'Osprey', 'Kingfisher', 'Sandpiper', 'Sunset', 'Highland', 'Division', 'Union',
  '1st', '2nd', '3rd', '4th', '5th', '6th', '7th', '8th', '9th', '10th',
  '11th', '12th', 'Railroad', 'Depot', 'Lighthouse', 'Tidewater', 'Driftwood', 'Seaview', 'Foothill', 'Creekside',
] as const;

export const streetSuffixes = ['St', 'Ave', 'Rd', 'Ln', 'Dr', 'Way', 'Ct', 'Pl', 'Blvd', 'Loop'] as const;

export const ruralRoads = [
  'Old Mill Rd', 'Ridge Rd', 'Coast Range Hwy', 'Elk Creek Rd', 'Valley View Rd', 'Fern Creek Rd',
  'Prairie Rd', 'Cedar Hill Rd', 'Lookout Rd', 'Schoolhouse Rd', 'Orchard Ln', 'Stillwater Rd',
  'Kestrel Ln', 'Quarry Rd', 'Timber Ln', 'Beaver Creek Rd',
] as const;
